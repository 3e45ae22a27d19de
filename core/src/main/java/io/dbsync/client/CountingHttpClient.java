package io.dbsync.client;

import com.databricks.sdk.core.http.HttpClient;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wraps the SDK's HTTP client: paces, waits out rate limiting, and counts what goes over the wire.
 * Every request of a client built by {@link Clients} passes here, typed SDK calls and {@link Rest}
 * alike, and is attributed to its {@link ApiFamily}: each attempt first takes a permit from the
 * family's bucket in the {@link Pacer} (shared by all threads of the run), and a 429 slows that
 * family down.
 *
 * <p>A workspace under load answers 429 for longer than the SDK's four attempts cover, and a sync
 * of thousands of objects must not fail on that: a 429 is retried here after its Retry-After (else
 * an exponential back-off), up to {@link #MAX_THROTTLE_WAIT} in total per request, before the SDK
 * sees it. Requests with a streaming body cannot be replayed and are left to the SDK.
 *
 * <p>Counting: The SDK's ApiClient retries
 * 429/503 itself (honouring Retry-After) and every attempt goes through {@link #execute}, so these
 * counters see each retry: {@code calls} is the real request count, {@code throttled} the 429s.
 */
public final class CountingHttpClient implements HttpClient {
  /**
   * Counter values at one moment; subtract two snapshots to get one run's share.
   *
   * @param callsByFamily requests per {@link ApiFamily} name (every attempt counts)
   */
  public record Snapshot(long calls, long throttled, long serverErrors, long transportErrors,
                         Map<String, Long> callsByFamily) {
    public Snapshot {
      callsByFamily = Map.copyOf(callsByFamily);
    }

    public Snapshot minus(Snapshot earlier) {
      Map<String, Long> byFamily = new TreeMap<>(callsByFamily);
      earlier.callsByFamily.forEach((f, n) -> byFamily.merge(f, -n, Long::sum));
      byFamily.values().removeIf(n -> n == 0);
      return new Snapshot(calls - earlier.calls, throttled - earlier.throttled,
          serverErrors - earlier.serverErrors, transportErrors - earlier.transportErrors, byFamily);
    }
  }

  private final HttpClient delegate;
  private final Pacer pacer;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong serverErrors = new AtomicLong();
  private final AtomicLong transportErrors = new AtomicLong();
  private final Map<String, LongAdder> byFamily = new ConcurrentHashMap<>();

  /** Longest total wait for one request being throttled before the 429 goes to the SDK. */
  public static final Duration MAX_THROTTLE_WAIT = Duration.ofMinutes(3);

  /** Counts and waits out 429s without pacing. */
  public CountingHttpClient(HttpClient delegate) {
    this(delegate, new Pacer(RateLimits.off()));
  }

  public CountingHttpClient(HttpClient delegate, Pacer pacer) {
    this.delegate = delegate;
    this.pacer = pacer;
  }

  public Pacer pacer() {
    return pacer;
  }

  @Override
  public Response execute(Request request) throws IOException {
    ApiFamily family = ApiFamily.of(request.getUrl());
    boolean write = !request.getMethod().equals("GET") && !request.getMethod().equals("HEAD");
    long waitedMillis = 0;
    for (int attempt = 1; ; attempt++) {
      pacer.acquire(family, write);
      Response response = executeOnce(request, family);
      if (response.getStatusCode() != 429) {
        return response;
      }
      pacer.throttled(family, write);
      if (request.isBodyStreaming()) {
        return response;
      }
      long pause = retryAfterMillis(response, attempt);
      if (waitedMillis + pause > MAX_THROTTLE_WAIT.toMillis()) {
        return response;
      }
      closeQuietly(response);
      Pause.sleep(pause);
      waitedMillis += pause;
    }
  }

  /** Retry-After in seconds when the server sent it, else 1 s doubling to 30 s, plus up to 250 ms jitter. */
  static long retryAfterMillis(Response response, int attempt) {
    long base;
    String header = response.getFirstHeader("Retry-After");
    try {
      base = header == null ? Math.min(30_000L, 1000L << Math.min(attempt - 1, 5))
          : Math.max(250L, Long.parseLong(header.trim()) * 1000L);
    } catch (NumberFormatException e) {
      base = 1000L;
    }
    return base + ThreadLocalRandom.current().nextLong(250);
  }

  private static void closeQuietly(Response response) {
    try (InputStream body = response.getBody()) {
      if (body != null) {
        body.readAllBytes();
      }
    } catch (IOException ignored) {
      // the throttled response's body is of no use
    }
  }

  private Response executeOnce(Request request, ApiFamily family) throws IOException {
    calls.incrementAndGet();
    byFamily.computeIfAbsent(family.name(), f -> new LongAdder()).increment();
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
    Map<String, Long> families = new TreeMap<>();
    byFamily.forEach((f, n) -> families.put(f, n.sum()));
    return new Snapshot(calls.get(), throttled.get(), serverErrors.get(), transportErrors.get(), families);
  }
}
