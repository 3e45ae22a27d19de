package io.dbsync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dbsync.emulator.auth.Credentials;
import io.dbsync.emulator.auth.Principal;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.QueryString;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory Databricks workspace over HTTP on loopback. Handlers run one at a time (a single
 * lock keeps family code simple and the state consistent); injected latency is spent outside the
 * lock so that concurrent clients still overlap like they would against a real workspace.
 *
 * <p>Admin endpoints (no auth, not counted, not rate limited):
 * GET /__emulator/state, GET /__emulator/requests, POST /__emulator/requests/reset,
 * GET /__emulator/routes (every route with its family and rate-limit keys),
 * POST /__emulator/seed (a seed document), POST /__emulator/config {latency_ms, retry_after_seconds,
 * rate_limits: {key: rps}}, POST /__emulator/faults {method, path_regex, status | drop, count},
 * DELETE /__emulator/faults.
 *
 * <p>Every API request is authenticated to a {@link Principal} (see {@link #authenticate}); the
 * handler sees it as {@link Request#caller()}.
 */
public final class Emulator implements AutoCloseable {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final EmulatorOptions options;
  private final Router router = new Router();
  private final Workspace workspace;
  private final RateLimiter rateLimiter = new RateLimiter();
  private final RequestLog requestLog = new RequestLog();
  private final List<FaultRule> faults = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private HttpServer server;

  public Emulator(EmulatorOptions options) {
    this.options = options;
    this.workspace = new Workspace(options.randomSeed, Clock.systemUTC(), options.adminUser, options);
    for (Family f : Families.all()) {
      workspace.add(f);
    }
    for (Family f : workspace.families()) {
      f.register(router, workspace);
    }
    for (Family f : workspace.families()) {
      f.builtIns(workspace);
    }
  }

  public Emulator() {
    this(new EmulatorOptions());
  }

  /** Starts on 127.0.0.1:port (0 picks a free port). */
  public Emulator start(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::serve);
    server.start();
    return this;
  }

  public Emulator start() throws IOException {
    return start(0);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** A token the emulator accepts. */
  public String token() {
    return options.token != null ? options.token : "emulator-token";
  }

  public EmulatorOptions options() {
    return options;
  }

  public RequestLog requests() {
    return requestLog;
  }

  public Workspace workspace() {
    return workspace;
  }

  public Router router() {
    return router;
  }

  public void addFault(FaultRule rule) {
    faults.add(rule);
  }

  public void clearFaults() {
    faults.clear();
  }

  /** Loads a seed document ({family: {...}}) from JSON or YAML text. */
  public void seed(JsonNode seed) {
    lock.lock();
    try {
      for (Family f : workspace.families()) {
        JsonNode part = seed.get(f.name());
        if (part != null && !part.isNull()) {
          f.seed(part, workspace);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  public void seed(Path file) throws IOException {
    String text = Files.readString(file);
    JsonNode node = file.toString().endsWith(".json") ? Json.MAPPER.readTree(text) : YAML.readTree(text);
    seed(node);
  }

  /** Whole state, every family, as JSON. */
  public ObjectNode dump() {
    lock.lock();
    try {
      ObjectNode out = Json.object();
      for (Family f : workspace.families()) {
        out.set(f.name(), f.dump());
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
  }

  private void serve(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod().toUpperCase();
      String path = ex.getRequestURI().getPath();
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      Map<String, List<String>> query = parseQuery(ex.getRequestURI().getRawQuery());
      if (path.startsWith("/__emulator/")) {
        send(ex, admin(method, path, body));
        return;
      }
      Optional<Router.Match> match = router.match(method, path);
      if (match.isEmpty()) {
        requestLog.record("unknown", method, path, false);
        String code = router.pathExists(path) ? "Method not allowed" : "No API found for '" + method + " " + path + "'";
        int status = router.pathExists(path) ? 405 : 404;
        send(ex, new ApiException(status, status == 405 ? "METHOD_NOT_ALLOWED" : "ENDPOINT_NOT_FOUND", code).toResponse());
        return;
      }
      Router.Route route = match.get().route();
      Principal caller = isPublic(path) ? null : authenticate(ex.getRequestHeaders().getFirst("Authorization"));
      if (caller == null && !isPublic(path)) {
        requestLog.record(route.family(), method, route.template(), false);
        send(ex, new ApiException(401, "UNAUTHENTICATED", "Invalid access token.").toResponse());
        return;
      }
      Request req = new Request(method, path, route.template(), match.get().params(), query,
          ex.getRequestHeaders(), body, caller);
      if (options.latencyMillis > 0) {
        Thread.sleep(options.latencyMillis);
      }
      if (!rateLimiter.tryAcquire(options.rateLimits, route.family(), method)) {
        requestLog.record(route.family(), method, route.template(), true);
        send(ex, new ApiException(429, "REQUEST_LIMIT_EXCEEDED",
            route.family() + " RPC token bucket limit has been exceeded.").toResponse()
            .header("Retry-After", Integer.toString(options.retryAfterSeconds)));
        return;
      }
      for (FaultRule rule : faults) {
        if (rule.take(method, path)) {
          requestLog.record(route.family(), method, route.template(), false);
          if (rule.kind == FaultRule.Kind.DROP) {
            drop(ex);
          } else {
            send(ex, new ApiException(rule.status, rule.status == 503 ? "TEMPORARILY_UNAVAILABLE" : "INTERNAL_ERROR",
                "Injected fault").toResponse());
          }
          return;
        }
      }
      requestLog.record(route.family(), method, route.template(), false);
      Response resp;
      lock.lock();
      try {
        resp = route.handler().handle(req);
      } catch (ApiException e) {
        resp = e.toResponse();
      } catch (Exception e) {
        resp = new ApiException(500, "INTERNAL_ERROR", "Emulator error: " + e).toResponse();
      } finally {
        lock.unlock();
      }
      requestLog.answered(method, route.template(), resp.status());
      send(ex, resp);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The principal a bearer token acts as, or null (401). A token the workspace issued (a personal
   * access token or an OAuth access token) is its principal's until it expires or is revoked (then
   * refused, whatever the options); any
   * other token is the built-in admin's when it is {@link EmulatorOptions#token} (or any token, when
   * that is null).
   */
  private Principal authenticate(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() <= 7) {
      return null;
    }
    String token = authorization.substring(7);
    if (workspace.credentials().isRevoked(token)) {
      return null;
    }
    Credentials.Grant grant = workspace.credentials().lookup(token);
    if (grant != null) {
      return grant.expiredAt(workspace.now()) ? null : grant.principal();
    }
    return options.token == null || options.token.equals(token) ? workspace.adminPrincipal() : null;
  }

  /**
   * Host discovery documents and the OAuth endpoints are public on a real workspace: clients fetch
   * them before they hold a token (the token endpoint authenticates the client id and secret itself).
   */
  private static boolean isPublic(String path) {
    return path.startsWith("/.well-known/") || path.startsWith("/oidc/");
  }

  private Response admin(String method, String path, byte[] body) throws IOException {
    JsonNode json = body.length == 0 ? Json.object() : Json.MAPPER.readTree(body);
    switch (method + " " + path) {
      case "GET /__emulator/state" -> {
        return Response.ok(dump());
      }
      case "GET /__emulator/requests" -> {
        return Response.ok(requestLog.toJson());
      }
      case "GET /__emulator/routes" -> {
        return Response.ok(routeTable());
      }
      case "POST /__emulator/requests/reset" -> {
        requestLog.reset();
        return Response.empty();
      }
      case "POST /__emulator/seed" -> {
        seed(json);
        return Response.empty();
      }
      case "POST /__emulator/config" -> {
        if (json.has("latency_ms")) {
          options.latencyMillis = json.get("latency_ms").asLong();
        }
        if (json.has("retry_after_seconds")) {
          options.retryAfterSeconds = json.get("retry_after_seconds").asInt();
        }
        if (json.has("rate_limits")) {
          options.rateLimits.clear();
          json.get("rate_limits").properties().forEach(e -> options.rateLimits.put(e.getKey(), e.getValue().asDouble()));
          rateLimiter.reset();
        }
        return Response.empty();
      }
      case "POST /__emulator/faults" -> {
        String m = Json.text(json, "method");
        String regex = Optional.ofNullable(Json.text(json, "path_regex")).orElse(".*");
        int count = json.path("count").asInt(1);
        faults.add(json.path("drop").asBoolean(false)
            ? FaultRule.drop(m, regex, count)
            : FaultRule.status(m, regex, json.path("status").asInt(500), count));
        return Response.empty();
      }
      case "DELETE /__emulator/faults" -> {
        faults.clear();
        return Response.empty();
      }
      default -> {
        return new ApiException(404, "ENDPOINT_NOT_FOUND", "No admin endpoint " + method + " " + path).toResponse();
      }
    }
  }

  /** Every route with its family and the rate-limit keys that govern it, most specific first. */
  private ArrayNode routeTable() {
    ArrayNode out = Json.array();
    for (Router.Route r : router.routes()) {
      ObjectNode o = out.addObject();
      o.put("method", r.method());
      o.put("path", r.template());
      o.put("family", r.family());
      o.putArray("rate_limit_keys").add(r.family() + ":" + RateLimiter.operation(r.method())).add(r.family())
          .add(RateLimiter.ALL);
    }
    return out;
  }

  private static void send(HttpExchange ex, Response resp) throws IOException {
    resp.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    if (resp.contentType() != null) {
      ex.getResponseHeaders().add("Content-Type", resp.contentType());
    }
    byte[] bytes = resp.body();
    if (resp.status() == 204) {
      ex.sendResponseHeaders(204, -1);
      return;
    }
    ex.sendResponseHeaders(resp.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /**
   * Closes the exchange before any response byte: the JDK server then closes the connection, and the
   * client sees it dropped (no status line at all), like a load balancer cutting a request.
   */
  private static void drop(HttpExchange ex) {
    ex.close();
  }

  static Map<String, List<String>> parseQuery(String raw) {
    return QueryString.parse(raw);
  }

  /** Standalone: java -cp ... io.dbsync.emulator.Emulator [port] [seed-file]. */
  public static void main(String[] args) throws Exception {
    Emulator e = new Emulator();
    if (args.length > 1) {
      e.seed(Path.of(args[1]));
    }
    e.start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
    System.out.println("Databricks workspace emulator listening on " + e.url() + " (token: any)");
    Thread.currentThread().join();
  }
}
