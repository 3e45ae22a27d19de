package io.dbsync.kind.identity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.KeyedLocks;
import io.dbsync.kind.KindContext;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run's reads of a multi-valued attribute of a user or group (a group's members, roles): each
 * owner is read once per run, not once per value (a group of 8 members was read 8 times by the refresh
 * of its memberships, and again by the mirror), and a group not at all while the run's group listing
 * answers for it (it requests those attributes: a no-change re-import reads no group on its own). Run-scoped ({@link KindContext#shared}). A
 * write through {@link ScimPairKind} that succeeded updates the owner's read in place (adding the 8
 * members of a new group read it once, not once per member: the adoption check before each add asks
 * for it); a failed one drops it.
 */
final class ScimAttributeReads {
  private final Map<String, Optional<ObjectNode>> reads = new ConcurrentHashMap<>();
  private final KeyedLocks loads = new KeyedLocks();
  private final Map<String, Long> writes = new ConcurrentHashMap<>();

  static ScimAttributeReads of(KindContext ctx) {
    return ctx.shared(ScimAttributeReads.class, ScimAttributeReads::new);
  }

  /**
   * The owner with {@code attribute} as {@link Scim#getAttributes} reads it, or null when it does not
   * exist: from the collection's listing when it answers ({@link ScimListings#attribute}) and this run
   * has not written the owner's attributes, else read on its own.
   */
  ObjectNode get(KindContext ctx, Scim.Collection owner, String id, String attribute) {
    String key = owner + "/" + id + "?" + attribute;
    Optional<ObjectNode> cached = reads.get(key);
    if (cached != null) {
      return cached.orElse(null);
    }
    return loads.with(key, () -> {
      Optional<ObjectNode> readMeanwhile = reads.get(key);
      if (readMeanwhile != null) {
        return readMeanwhile.orElse(null);
      }
      String ownerKey = owner + "/" + id;
      long writesBefore = writes.getOrDefault(ownerKey, 0L);
      Optional<ObjectNode> listed = writesBefore == 0 ? ScimListings.attribute(ctx, owner, id, attribute) : Optional.empty();
      Optional<ObjectNode> loaded = listed.isPresent() ? listed
          : Optional.ofNullable(Scim.getAttributes(ctx.client(), owner, id, attribute));
      synchronized (this) {
        if (writes.getOrDefault(ownerKey, 0L) == writesBefore) {
          reads.put(key, loaded);
        }
      }
      return loaded.orElse(null);
    });
  }

  /**
   * A PATCH that added or removed {@code values} in the owner's {@code attribute} succeeded: a read of
   * that attribute kept for the owner takes the change in (the owner now exists, so a read that found
   * no owner is dropped instead); the owner's other reads are dropped.
   */
  synchronized void written(Scim.Collection owner, String id, String attribute, Collection<String> values, boolean added) {
    String key = owner + "/" + id + "?" + attribute;
    Optional<ObjectNode> kept = reads.get(key);
    changed(owner, id);
    if (kept == null || kept.isEmpty()) {
      return;
    }
    ObjectNode updated = kept.get().deepCopy();
    ArrayNode current = updated.get(attribute) instanceof ArrayNode a ? a : updated.putArray(attribute);
    for (int i = current.size() - 1; i >= 0; i--) {
      if (values.contains(current.get(i).path("value").asText())) {
        current.remove(i);
      }
    }
    if (added) {
      values.forEach(v -> current.addObject().put("value", v));
    }
    reads.put(key, Optional.of(updated));
  }

  /** The owner was written: its attributes are read again when next asked for. */
  synchronized void changed(Scim.Collection owner, String id) {
    String ownerKey = owner + "/" + id;
    writes.merge(ownerKey, 1L, Long::sum);
    reads.keySet().removeIf(k -> k.startsWith(ownerKey + "?"));
  }
}
