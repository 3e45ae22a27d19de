package io.dbsync.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts requests per family, per family and operation ("jobs:read", the keys of finer rate limits)
 * and per route ("GET /api/2.1/clusters/list"); writes are non-GETs.
 */
public final class RequestLog {
  private final Map<String, Long> byFamily = new TreeMap<>();
  private final Map<String, Long> byOperation = new TreeMap<>();
  private final Map<String, Long> byRoute = new TreeMap<>();
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

  public synchronized long family(String family) {
    return byFamily.getOrDefault(family, 0L);
  }

  public synchronized void reset() {
    byFamily.clear();
    byOperation.clear();
    byRoute.clear();
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
    return n;
  }
}
