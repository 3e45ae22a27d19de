package io.dbsync.git;

import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import java.util.Map;

/**
 * A user name and token (or password) for an HTTPS git remote, e.g. a GitHub, GitLab or Azure DevOps
 * personal access token. The token is sent only to the remote; {@link #toString} never shows it.
 */
public record HttpsCredentials(String username, String token) implements TransportConfigCallback {
  /** The environment variable the CLI reads the token from. */
  public static final String TOKEN_ENV = "DATABRICKS_SYNC_GIT_TOKEN";
  /** Optional user name for hosts that check it (default {@link #DEFAULT_USERNAME}). */
  public static final String USERNAME_ENV = "DATABRICKS_SYNC_GIT_USERNAME";
  /** GitHub expects this name with app and Actions tokens; hosts that check the name need {@link #USERNAME_ENV}. */
  public static final String DEFAULT_USERNAME = "x-access-token";

  public HttpsCredentials {
    username = username == null || username.isBlank() ? DEFAULT_USERNAME : username;
    token = token == null ? "" : token;
  }

  /** Credentials from {@link #TOKEN_ENV} and {@link #USERNAME_ENV}; null when no token is set. */
  public static HttpsCredentials fromEnvironment(Map<String, String> env) {
    String token = env.get(TOKEN_ENV);
    return token == null || token.isBlank() ? null : new HttpsCredentials(env.get(USERNAME_ENV), token);
  }

  @Override
  public void configure(Transport transport) {
    transport.setCredentialsProvider(new UsernamePasswordCredentialsProvider(username, token));
  }

  @Override
  public String toString() {
    return "HttpsCredentials[username=" + username + ", token=***]";
  }
}
