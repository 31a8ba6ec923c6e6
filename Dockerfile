# syntax=docker/dockerfile:1
# Build: docker build -t housing .
# Run:   docker run -p 8080:8080 -v housing-data:/app/data -v housing-keys:/app/keys -e HOUSING_BOOTSTRAP_ADMIN_KEY=... housing

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore from the project and props files alone, so the package layer survives source edits.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Housing.Api/Housing.Api.csproj src/Housing.Api/
RUN dotnet restore src/Housing.Api/Housing.Api.csproj
COPY .editorconfig ./
COPY src/ src/
RUN dotnet publish src/Housing.Api/Housing.Api.csproj -c Release --no-restore -o /app /p:UseAppHost=false

# Ubuntu 24.04 based; it has bash but no curl or wget (see HEALTHCHECK).
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# The default connection string is data/housing.db relative to the working directory: /app/data.
# Created and chowned before VOLUME, so a new named volume starts out writable by the app user.
# The key ring (DataProtection:KeysPath, default keys/) is a volume of its own, apart from the database.
RUN mkdir -p /app/data /app/keys && chown "$APP_UID" /app/data /app/keys
COPY --from=build /app .
VOLUME /app/data /app/keys
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
# The aspnet image defines APP_UID for its non-root "app" user.
USER $APP_UID
# A real HTTP request over bash's /dev/tcp (no HTTP client in the image): healthy only on a 200.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && IFS= read -r -t 4 status <&3 && [[ $status == 'HTTP/1.1 200'* ]]"]
ENTRYPOINT ["dotnet", "Housing.Api.dll"]
