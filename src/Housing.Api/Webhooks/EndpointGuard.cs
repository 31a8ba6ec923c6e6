using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Housing.Api.Webhooks;

/// <summary>A webhook address the service will not call: loopback, private, link-local and the like.</summary>
public sealed class EndpointRefusedException(string message) : Exception(message);

/// <summary>
/// Keeps webhooks from being turned against the service's own network (SSRF). A host is
/// allowed only if every address it resolves to is globally routable. It is checked when the
/// webhook is registered, and again at every call, where the connection goes only to an
/// address that passed (see <see cref="ConnectAsync"/>), so a name that later resolves
/// elsewhere (DNS rebinding) gets nowhere.
/// </summary>
public sealed class EndpointGuard(IHostResolver resolver, IOptions<WebhookOptions> options)
{
    private static readonly IPNetwork[] Refused4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),       // "this network", unspecified
        IPNetwork.Parse("10.0.0.0/8"),      // private (RFC 1918)
        IPNetwork.Parse("100.64.0.0/10"),   // carrier-grade NAT (RFC 6598)
        IPNetwork.Parse("127.0.0.0/8"),     // loopback
        IPNetwork.Parse("169.254.0.0/16"),  // link-local, cloud metadata services
        IPNetwork.Parse("172.16.0.0/12"),   // private
        IPNetwork.Parse("192.0.0.0/24"),    // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"),    // documentation
        IPNetwork.Parse("192.88.99.0/24"),  // 6to4 relay (deprecated)
        IPNetwork.Parse("192.168.0.0/16"),  // private
        IPNetwork.Parse("198.18.0.0/15"),   // benchmarking
        IPNetwork.Parse("198.51.100.0/24"), // documentation
        IPNetwork.Parse("203.0.113.0/24"),  // documentation
        IPNetwork.Parse("224.0.0.0/4"),     // multicast
        IPNetwork.Parse("240.0.0.0/4"),     // reserved, broadcast
    ];

    private static readonly IPNetwork[] Refused6 =
    [
        IPNetwork.Parse("::/96"),           // unspecified, loopback, IPv4-compatible
        IPNetwork.Parse("64:ff9b:1::/48"),  // local-use NAT64
        IPNetwork.Parse("100::/64"),        // discard
        IPNetwork.Parse("2001::/32"),       // Teredo
        IPNetwork.Parse("2001:db8::/32"),   // documentation
        IPNetwork.Parse("fc00::/7"),        // unique local
        IPNetwork.Parse("fe80::/10"),       // link-local
        IPNetwork.Parse("fec0::/10"),       // site-local (deprecated)
        IPNetwork.Parse("ff00::/8"),        // multicast
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Whether the address is globally routable; IPv6 forms that carry an IPv4 address are judged by it.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork) return !Refused4.Any(n => n.Contains(address));
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        if (Refused6.Any(n => n.Contains(address))) return false;
        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address)) return IsPublic(new IPAddress(bytes.AsSpan(12, 4)));
        if (SixToFour.Contains(address)) return IsPublic(new IPAddress(bytes.AsSpan(2, 4)));
        return true;
    }

    /// <summary>The addresses the service may connect to for this host; refuses when any is not public.</summary>
    public async Task<IPAddress[]> AllowedAddressesAsync(string host, CancellationToken ct)
    {
        host = host.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal)) addresses = [literal];
        else
        {
            try
            {
                addresses = await resolver.ResolveAsync(host, ct);
            }
            catch (SocketException)
            {
                throw new EndpointRefusedException(Say.Format(ProblemText.Problem_Webhook_HostUnresolved, host));
            }
        }
        if (addresses.Length == 0) throw new EndpointRefusedException(Say.Format(ProblemText.Problem_Webhook_HostUnresolved, host));
        if (!options.Value.AllowPrivateNetworks && !addresses.All(IsPublic))
            throw new EndpointRefusedException(ProblemText.Problem_Webhook_PrivateAddress);
        return addresses;
    }

    /// <summary>Null when the URL's host may be called; otherwise why not.</summary>
    public async Task<string?> CheckAsync(Uri url, CancellationToken ct)
    {
        try
        {
            await AllowedAddressesAsync(url.IdnHost, ct);
            return null;
        }
        catch (EndpointRefusedException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself and connects
    /// only to the addresses that passed, so the check and the connection see the same answer.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = await AllowedAddressesAsync(context.DnsEndPoint.Host, ct);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
