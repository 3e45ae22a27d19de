package io.dbsync.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one phase (export, import, re-import) cost.
 *
 * @param objects        exported objects (export) or planned resources (import phases)
 * @param changes        resources the phase wrote: files committed (export) or applied changes (import)
 * @param clientCalls    HTTP requests the SDK sent, every retry included (Clients' counting client)
 * @param clientThrottled of those, answered 429
 * @param serverCalls    requests the emulator received (its RequestLog: throttled ones included)
 * @param serverWrites   non-GET requests that reached a handler
 * @param byFamily       requests per emulator family that reached a handler
 * @param byRoute        the same per route ("GET /api/2.0/dbfs/read")
 * @param latencyFloorMillis  requests x latency / parallelism: the time the injected latency alone costs
 * @param rateFloorMillis     the busiest rate-limited family's requests over its limit (burst allowed)
 * @param stateBytes     size of the state file after the phase (import phases; 0 for export)
 * @param problems       failures the phase reported (first few), empty when it succeeded
 * @param sqlStatements  metastore statements the emulator ran in the phase (warehouse and cluster)
 * @param sqlWrites      of those, the ones that were not SHOW, DESCRIBE or USE
 * @param peakHeapBytes  the largest heap in use right after a full GC during the phase ({@link HeapWatch}), 0 if none ran
 * @param retainedHeapBytes the heap in use after a full GC at the end of the phase
 */
public record PhaseResult(String scenario, String phase, int parallelism, long wallMillis, int objects, int changes,
                          long clientCalls, long clientThrottled, long serverCalls, long serverWrites,
                          Map<String, Long> byFamily, Map<String, Long> byRoute, long latencyFloorMillis,
                          long rateFloorMillis, String rateFloorFamily, long stateBytes, List<String> problems,
                          long sqlStatements, long sqlWrites, long peakHeapBytes, long retainedHeapBytes) {
  public long floorMillis() {
    return Math.max(latencyFloorMillis, rateFloorMillis);
  }

  /** The same result with more problems (a check the phase failed after it ran). */
  public PhaseResult withProblems(List<String> more) {
    List<String> all = new ArrayList<>(problems);
    all.addAll(more);
    return new PhaseResult(scenario, phase, parallelism, wallMillis, objects, changes, clientCalls, clientThrottled,
        serverCalls, serverWrites, byFamily, byRoute, latencyFloorMillis, rateFloorMillis, rateFloorFamily, stateBytes,
        List.copyOf(all), sqlStatements, sqlWrites, peakHeapBytes, retainedHeapBytes);
  }

  /** The largest live heap seen: after a full GC during the phase or at its end. */
  public long liveHeapBytes() {
    return Math.max(peakHeapBytes, retainedHeapBytes);
  }

  public double callsPerObject() {
    return objects == 0 ? 0 : (double) clientCalls / objects;
  }
}
