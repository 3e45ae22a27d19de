package io.dbsync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.http.Router;

/**
 * One API family of the emulated workspace (clusters, jobs, workspace, scim, ...). A family owns its
 * in-memory state, registers its routes, and can dump and load that state (seeding fixtures, the
 * /__emulator/state endpoint). Family names are the keys of per-family rate limits and request counts.
 */
public interface Family {
  /** Key used for rate limits and counters, and as the key of this family's part of state/seed JSON. */
  String name();

  void register(Router router, Workspace workspace);

  /** This family's state as JSON (secret values included: it is a test instrument). */
  JsonNode dump();

  /** Adds objects from a seed fixture; the format is the family's own (documented in its class). */
  void seed(JsonNode seed, Workspace workspace);

  /** Called once after all families registered, to create built-in objects every workspace has. */
  default void builtIns(Workspace workspace) {}
}
