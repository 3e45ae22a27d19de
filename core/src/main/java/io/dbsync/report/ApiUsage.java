package io.dbsync.report;

import io.dbsync.client.CountingHttpClient;

/**
 * HTTP requests one run sent to the workspace (every retry counts), and how many were answered 429.
 * {@code counted} is false when the client was not built with counting (see client.Clients).
 */
public record ApiUsage(boolean counted, long calls, long throttled, long serverErrors, long transportErrors) {
  public static final ApiUsage NOT_COUNTED = new ApiUsage(false, 0, 0, 0, 0);

  public static ApiUsage of(CountingHttpClient.Snapshot s) {
    return new ApiUsage(true, s.calls(), s.throttled(), s.serverErrors(), s.transportErrors());
  }
}
