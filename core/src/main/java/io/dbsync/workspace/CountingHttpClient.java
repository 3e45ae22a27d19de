package io.dbsync.workspace;

import com.databricks.sdk.core.http.HttpClient;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps the SDK's HTTP client and counts what goes over the wire. The SDK's ApiClient retries
 * 429/503 itself (honouring Retry-After) and every attempt goes through {@link #execute}, so these
 * counters see each retry: {@code calls} is the real request count, {@code throttled} the 429s.
 */
public final class CountingHttpClient implements HttpClient {
  /** Counter values at one moment; subtract two snapshots to get one run's share. */
  public record Snapshot(long calls, long throttled, long serverErrors, long transportErrors) {
    public Snapshot minus(Snapshot earlier) {
      return new Snapshot(calls - earlier.calls, throttled - earlier.throttled,
          serverErrors - earlier.serverErrors, transportErrors - earlier.transportErrors);
    }
  }

  private final HttpClient delegate;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong serverErrors = new AtomicLong();
  private final AtomicLong transportErrors = new AtomicLong();

  public CountingHttpClient(HttpClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public Response execute(Request request) throws IOException {
    calls.incrementAndGet();
    Response response;
    try {
      response = delegate.execute(request);
    } catch (IOException | RuntimeException e) {
      transportErrors.incrementAndGet();
      throw e;
    }
    int status = response.getStatusCode();
    if (status == 429) {
      throttled.incrementAndGet();
    } else if (status >= 500) {
      serverErrors.incrementAndGet();
    }
    return response;
  }

  public Snapshot snapshot() {
    return new Snapshot(calls.get(), throttled.get(), serverErrors.get(), transportErrors.get());
  }
}
