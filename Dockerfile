# Build
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY wwwroot-assets/ wwwroot-assets/
RUN dotnet publish src/Dashboard/Dashboard.csproj -c Release -o /app

# Run
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# What the app writes (the SQLite database, which also holds the Data Protection keys, and the time-in-state file) goes
# to /data, a volume the non-root user owns: `docker run` with no settings works and keeps its data across containers.
# PostgreSQL instead: set Database__Provider and ConnectionStrings__Dashboard.
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ConnectionStrings__Dashboard="Data Source=/data/dashboard.db" \
    TimeInState__File=/data/time-in-state.json
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD curl -fsS http://127.0.0.1:8080/health/live || exit 1
ENTRYPOINT ["dotnet", "Dashboard.dll"]
