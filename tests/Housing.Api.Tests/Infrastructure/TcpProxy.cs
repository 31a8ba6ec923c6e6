using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Housing.Api.Tests.Infrastructure;

/// <summary>
/// Forwards 127.0.0.1:<see cref="Port"/> to a database server, so a test can take the database
/// away and give it back as a network would: <see cref="Stop"/> closes the port and cuts every
/// open connection, <see cref="Start"/> listens on the same port again,
/// <see cref="DropNext"/> accepts the next connections only to close them at once, and
/// <see cref="Silent"/> accepts connections and never answers, like a server that hangs.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
    private TcpListener? _listener;
    private CancellationTokenSource _running = new();
    private int _drop;

    public TcpProxy(string host, int port)
    {
        (_host, _port) = (host, port);
        Start();
    }

    public int Port { get; private set; }

    /// <summary>How many connections were accepted and closed at once.</summary>
    public int Dropped { get; private set; }

    public void DropNext(int connections) => Interlocked.Exchange(ref _drop, connections);

    public volatile bool Silent;

    public void Start()
    {
        _running = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync(_listener, _running.Token);
    }

    public void Stop()
    {
        _running.Cancel();
        _listener?.Stop();
        foreach (var client in _open.Keys) client.Dispose();
        _open.Clear();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            if (Interlocked.Decrement(ref _drop) >= 0)
            {
                Dropped++;
                client.Dispose();
                continue;
            }
            if (Silent) _open[client] = 0;
            else _ = ForwardAsync(client, ct);
        }
    }

    private async Task ForwardAsync(TcpClient client, CancellationToken ct)
    {
        using var upstream = new TcpClient();
        _open[client] = 0;
        _open[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(_host, _port, ct);
            var a = client.GetStream();
            var b = upstream.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, ct), b.CopyToAsync(a, ct));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _open.TryRemove(client, out _);
            _open.TryRemove(upstream, out _);
            client.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
