package io.dbsync.bench;

import com.fasterxml.jackson.databind.JsonNode;

/** What a scenario exports and imports: the source's seed, the export config, what the target needs first. */
public interface Workload {
  /** The emulator seed document that creates the source (one {@code Emulator.seed} call: not measured). */
  JsonNode seed();

  /** The export configuration (YAML) selecting what the benchmark measures. */
  String config();

  /** One line for the report: what the source holds. */
  String describe();

  /** What the empty target is seeded with before the import (principals, compute), or null for nothing. */
  default JsonNode targetSeed() {
    return null;
  }
}
