package io.dbsync.cli;

import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line for a workspace that cannot be configured or authenticated to, naming the host, the
 * profile and the auth type the SDK tried, without the SDK's long "Config: ... Env: ..." tail.
 */
final class AuthErrors {
  private static final Pattern NO_PROFILE = Pattern.compile("resolve: (.+) has no (\\S+) profile configured");
  private static final String NO_CREDENTIALS = "cannot configure default credentials";
  private static final String HOW = "add token (or client_id and client_secret, or auth_type) to the profile, or set "
      + "DATABRICKS_TOKEN or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET";

  private AuthErrors() {}

  /** The configuration could not be resolved (unknown profile, malformed file, conflicting settings): bad input. */
  static RuntimeException configuration(DatabricksException e, String profile) {
    Matcher m = NO_PROFILE.matcher(String.valueOf(e.getMessage()));
    if (m.find()) {
      return new UserErrors.BadInput("profile " + m.group(2) + " not found in " + m.group(1), e);
    }
    return new UserErrors.BadInput("workspace configuration" + where(profile, null) + ": " + sdkReason(e), e);
  }

  /** Nothing in the flags, environment or profiles names a workspace. */
  static RuntimeException noWorkspace() {
    return new UserErrors.BadInput("no workspace configured: pass -p PROFILE, set DATABRICKS_CONFIG_PROFILE, add a [DEFAULT] "
        + "profile to ~/.databrickscfg, or set DATABRICKS_HOST with DATABRICKS_TOKEN or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET");
  }

  /**
   * The host check failed. Missing credentials are bad input; credentials the workspace or its token
   * endpoint rejected are an authentication failure; anything else (network, server) is left as it is.
   */
  static RuntimeException check(RuntimeException e, DatabricksConfig cfg, String profile) {
    String host = cfg.getHost();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains(NO_CREDENTIALS)) {
        return new UserErrors.BadInput("no credentials for " + host + where(profile, cfg.getAuthType()) + ": " + HOW, e);
      }
    }
    if (e instanceof DatabricksError de && de.getStatusCode() == 401) {
      return new AuthFailure("cannot authenticate to " + host + where(profile, cfg.getAuthType())
          + ": the workspace rejected the credentials (401)", e);
    }
    if (e instanceof DatabricksException && !(e instanceof DatabricksError) && !causedByIo(e)) {
      // thrown while getting credentials (e.g. the OAuth token endpoint refused the client secret)
      String reason = sdkReason(e);
      String prefix = cfg.getAuthType() + " auth: ";
      return new AuthFailure("cannot authenticate to " + host + where(profile, cfg.getAuthType()) + ": "
          + (reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason), e);
    }
    return e;
  }

  /** A transport failure (host down, unknown, TLS) is the network's, not the credentials'. */
  private static boolean causedByIo(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** An authentication failure: exit 1 with this one line. */
  static final class AuthFailure extends RuntimeException {
    AuthFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** " (profile p, auth type t)" with the parts that are known, or "". */
  private static String where(String profile, String authType) {
    List<String> parts = new ArrayList<>();
    if (profile != null && !profile.isBlank()) {
      parts.add("profile " + profile);
    }
    if (authType != null && !authType.isBlank()) {
      parts.add("auth type " + authType);
    }
    return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
  }

  /** The SDK's message on one line, without its "Config: ... Env: ..." tail and its "validate:" style prefix. */
  private static String sdkReason(Throwable e) {
    String msg = String.valueOf(e.getMessage());
    int config = msg.indexOf(". Config:");
    if (config >= 0) {
      msg = msg.substring(0, config);
    }
    msg = msg.lines().findFirst().orElse(msg).strip();
    return msg.replaceFirst("^(validate|resolve): ", "");
  }
}
