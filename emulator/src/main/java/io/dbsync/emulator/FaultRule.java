package io.dbsync.emulator;

import java.util.regex.Pattern;

/**
 * An injected fault: the next {@code count} requests whose method and path match get either an
 * error status (5xx with a standard error body) or a dropped connection (a truncated response).
 */
public final class FaultRule {
  public enum Kind { STATUS, DROP }

  final String method;
  final Pattern path;
  final Kind kind;
  final int status;
  int remaining;

  public FaultRule(String method, String pathRegex, Kind kind, int status, int count) {
    this.method = method;
    this.path = Pattern.compile(pathRegex);
    this.kind = kind;
    this.status = status;
    this.remaining = count;
  }

  public static FaultRule status(String method, String pathRegex, int status, int count) {
    return new FaultRule(method, pathRegex, Kind.STATUS, status, count);
  }

  public static FaultRule drop(String method, String pathRegex, int count) {
    return new FaultRule(method, pathRegex, Kind.DROP, 0, count);
  }

  synchronized boolean take(String reqMethod, String reqPath) {
    if (remaining <= 0) {
      return false;
    }
    if (method != null && !method.equalsIgnoreCase(reqMethod)) {
      return false;
    }
    if (!path.matcher(reqPath).find()) {
      return false;
    }
    remaining--;
    return true;
  }
}
