package io.dbsync.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts requests per family, per family and operation ("jobs:read", the keys of finer rate limits)
 * and per route ("GET /api/2.1/clusters/list"); writes are non-GETs. Answers with status 404 are
 * counted per route too: a client asking whether an object exists one object at a time (an existence
 * probe) shows up there.
 */
public final class RequestLog {
  private final Map<String, Long> byFamily = new TreeMap<>();
  private final Map<String, Long> byOperation = new TreeMap<>();
  private final Map<String, Long> byRoute = new TreeMap<>();
  private final Map<String, Long> notFoundByRoute = new TreeMap<>();
  /** Route -> place (in {@link #total} order) of its first and of its last request that reached a handler. */
  private final Map<String, Long> firstByRoute = new TreeMap<>();
  private final Map<String, Long> lastByRoute = new TreeMap<>();
  private long notFound;
  private long total;
  private long writes;
  private long throttled;

  synchronized void record(String family, String method, String template, boolean wasThrottled) {
    total++;
    if (wasThrottled) {
      throttled++;
      return;
    }
    if (!method.equals("GET")) {
      writes++;
    }
    byFamily.merge(family, 1L, Long::sum);
    byOperation.merge(family + ":" + RateLimiter.operation(method), 1L, Long::sum);
    byRoute.merge(method + " " + template, 1L, Long::sum);
    firstByRoute.putIfAbsent(method + " " + template, total);
    lastByRoute.put(method + " " + template, total);
  }

  /** A request that reached a handler was answered with {@code status}. */
  synchronized void answered(String method, String template, int status) {
    if (status == 404) {
      notFound++;
      notFoundByRoute.merge(method + " " + template, 1L, Long::sum);
    }
  }

  public synchronized long total() {
    return total;
  }

  /** Non-GET requests that reached a handler (not throttled). */
  public synchronized long writes() {
    return writes;
  }

  public synchronized long throttled() {
    return throttled;
  }

  public synchronized long route(String methodAndTemplate) {
    return byRoute.getOrDefault(methodAndTemplate, 0L);
  }

  /**
   * The place of the route's first request among all requests (1 = the first the emulator received),
   * 0 when none came: with {@link #last}, tells which of two routes was asked before the other.
   */
  public synchronized long first(String methodAndTemplate) {
    return firstByRoute.getOrDefault(methodAndTemplate, 0L);
  }

  /** The place of the route's last request among all requests, 0 when none came. */
  public synchronized long last(String methodAndTemplate) {
    return lastByRoute.getOrDefault(methodAndTemplate, 0L);
  }

  /** Requests a handler answered with 404 (an unknown endpoint is not counted: it has no route). */
  public synchronized long notFound() {
    return notFound;
  }

  /** Of {@link #notFound}, those of one route ("GET /api/2.0/workspace/get-status"). */
  public synchronized long notFound(String methodAndTemplate) {
    return notFoundByRoute.getOrDefault(methodAndTemplate, 0L);
  }

  /** Route -> 404 answers, for reports. */
  public synchronized Map<String, Long> notFoundByRoute() {
    return new TreeMap<>(notFoundByRoute);
  }

  public synchronized long family(String family) {
    return byFamily.getOrDefault(family, 0L);
  }

  public synchronized void reset() {
    byFamily.clear();
    byOperation.clear();
    byRoute.clear();
    notFoundByRoute.clear();
    firstByRoute.clear();
    lastByRoute.clear();
    notFound = 0;
    total = 0;
    writes = 0;
    throttled = 0;
  }

  public synchronized ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("total", total);
    n.put("writes", writes);
    n.put("throttled", throttled);
    ObjectNode f = n.putObject("by_family");
    byFamily.forEach(f::put);
    ObjectNode o = n.putObject("by_operation");
    byOperation.forEach(o::put);
    ObjectNode r = n.putObject("by_route");
    byRoute.forEach(r::put);
    n.put("not_found", notFound);
    ObjectNode nf = n.putObject("not_found_by_route");
    notFoundByRoute.forEach(nf::put);
    return n;
  }
}
