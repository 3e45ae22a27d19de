package io.dbsync.testing.git;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A git server speaking git's smart HTTP protocol on loopback (what GitHub, GitLab and Azure DevOps
 * serve over HTTPS), for tests: bare repositories under a root folder, HTTP Basic authentication with
 * one user name and token, like a personal access token. Reads need the token too (a private repository).
 */
public final class HttpGitServer implements AutoCloseable {
  private final GitPackService repos;
  private final String token;
  private final HttpServer server;
  private final List<String> usernames = new CopyOnWriteArrayList<>();

  private HttpGitServer(Path root, String token) throws IOException {
    this.repos = new GitPackService(root);
    this.token = token;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
  }

  /** Serves the bare repositories under {@code root}; every request needs any user name and {@code token}. */
  public static HttpGitServer start(Path root, String token) throws IOException {
    HttpGitServer s = new HttpGitServer(root, token);
    s.server.start();
    return s;
  }

  /** http://127.0.0.1:PORT/ + {@code repoPath}. */
  public String url(String repoPath) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repoPath;
  }

  /** The user names of the requests that authenticated, in order. */
  public List<String> usernames() {
    return List.copyOf(usernames);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String user = authenticatedUser(ex);
      if (user == null) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        ex.sendResponseHeaders(401, -1);
        return;
      }
      usernames.add(user);
      URI uri = ex.getRequestURI();
      String path = uri.getPath();
      boolean advertisement = ex.getRequestMethod().equals("GET") && path.endsWith("/info/refs");
      String service = advertisement ? (uri.getQuery() == null ? "" : uri.getQuery().replaceFirst("^service=", ""))
          : path.substring(path.lastIndexOf('/') + 1);
      if (!GitPackService.isService(service) || !advertisement && !ex.getRequestMethod().equals("POST")) {
        ex.sendResponseHeaders(403, -1); // the dumb protocol is not served
        return;
      }
      Repository repo = open(path.substring(0, path.lastIndexOf(advertisement ? "/info/refs" : "/")));
      if (repo == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      try (repo) {
        ex.getResponseHeaders().add("Content-Type", "application/x-" + service + (advertisement ? "-advertisement" : "-result"));
        ex.getResponseHeaders().add("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        if (advertisement) {
          GitPackService.advertise(repo, service, ex.getResponseBody());
        } else {
          try (InputStream in = body(ex); OutputStream out = ex.getResponseBody()) {
            GitPackService.serve(repo, service, in, out, null, true);
          }
        }
      }
    }
  }

  private Repository open(String repoPath) {
    try {
      return repos.open(repoPath);
    } catch (IOException e) {
      return null;
    }
  }

  private String authenticatedUser(HttpExchange ex) {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Basic ")) {
      return null;
    }
    String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    int colon = pair.indexOf(':');
    return colon > 0 && pair.substring(colon + 1).equals(token) ? pair.substring(0, colon) : null;
  }

  private static InputStream body(HttpExchange ex) throws IOException {
    InputStream in = ex.getRequestBody();
    return "gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding")) ? new GZIPInputStream(in) : in;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
