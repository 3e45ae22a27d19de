package io.dbsync.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The import state document, our own format (not terraform's):
 * {"version":1,"serial":N,"lineage":"uuid","resources":{address:{type,id,attributes,dependencies,dir,sensitive,
 * content_versions}}} ({@code content_versions}: {@link StateEntry#contentVersions}, written only when known;
 * documents without it read as before and their refreshes read the content).
 * Serialized canonically (sorted keys) so the same state always has the same bytes. Each change also
 * makes a journal record ({@link #drainChanges}, {@link StateJournal}) so that a store with a journal
 * persists a change without rewriting the document. Not thread-safe: {@code io.dbsync.apply.StateSession}
 * serializes access during a parallel apply.
 */
public final class StateDocument {
  public static final int VERSION = 1;

  private long serial;
  private final String lineage;
  private final Map<String, StateEntry> resources = new TreeMap<>();
  /**
   * Addresses whose create was sent but not yet recorded (address -> type). If the run dies in
   * between, the next run adopts the object it finds there as its own creation (not a pre-existing
   * one), so it is still destroyed when it leaves the config.
   */
  private final Map<String, String> pending = new TreeMap<>();
  /** Journal records of the changes since the last {@link #drainChanges} (oldest first). */
  private final List<byte[]> changes = new ArrayList<>();

  private StateDocument(long serial, String lineage) {
    this.serial = serial;
    this.lineage = lineage;
  }

  public static StateDocument empty() {
    return new StateDocument(0, UUID.randomUUID().toString());
  }

  /** The state a store holds: its document (or an empty one) with its journal replayed on it. */
  public static StateDocument load(StateStore store) throws IOException {
    return load(store, store.read());
  }

  /** As {@link #load(StateStore)}, for a caller that has read the store's document ({@code stored}) itself. */
  public static StateDocument load(StateStore store, Optional<byte[]> stored) throws IOException {
    StateDocument doc = stored.isPresent() ? parse(stored.get(), store.describe()) : empty();
    Optional<StateJournal> journal = store.journal();
    if (journal.isPresent()) {
      doc.replay(journal.get().read(), store.describe());
    }
    return doc;
  }

  public static StateDocument parse(byte[] bytes, String where) throws IOException {
    JsonNode root;
    try {
      root = TfJson.read(bytes);
    } catch (IOException e) {
      throw new IOException("state at " + where + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException("state at " + where + " is not a JSON object");
    }
    int version = root.path("version").asInt(-1);
    if (version != VERSION) {
      throw new IOException("state at " + where + " has version " + root.path("version")
          + ", this tool reads version " + VERSION);
    }
    StateDocument doc = new StateDocument(root.path("serial").asLong(0),
        root.path("lineage").asText(UUID.randomUUID().toString()));
    JsonNode resources = root.path("resources");
    if (!resources.isMissingNode() && !resources.isObject()) {
      // a list would read as an empty state and plan adopting everything (review D18)
      throw new IOException("state at " + where + " is damaged: \"resources\" is not an object");
    }
    Iterator<Map.Entry<String, JsonNode>> it = resources.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      doc.resources.put(e.getKey(), entry(e.getValue()));
    }
    root.path("pending").properties().forEach(p -> doc.pending.put(p.getKey(), p.getValue().asText()));
    return doc;
  }

  private static StateEntry entry(JsonNode r) {
    List<String> deps = new ArrayList<>();
    r.path("dependencies").forEach(d -> deps.add(d.asText()));
    List<String> sens = new ArrayList<>();
    r.path("sensitive").forEach(d -> sens.add(d.asText()));
    JsonNode attrs = r.get("attributes");
    JsonNode versions = r.get("content_versions");
    return new StateEntry(r.path("type").asText(), r.path("id").asText(),
        attrs != null && attrs.isObject() ? (ObjectNode) attrs : TfJson.object(), deps,
        r.hasNonNull("dir") ? r.get("dir").asText() : null, new TreeSet<>(sens), r.path("adopted").asBoolean(false),
        versions != null && versions.isObject() ? (ObjectNode) versions : null);
  }

  private static ObjectNode json(StateEntry e) {
    ObjectNode r = TfJson.object();
    r.put("type", e.type());
    r.put("id", e.id());
    r.set("attributes", e.attributes());
    ArrayNode deps = r.putArray("dependencies");
    e.dependencies().stream().sorted().distinct().forEach(deps::add);
    if (e.dir() != null) {
      r.put("dir", e.dir());
    }
    if (e.adopted()) {
      r.put("adopted", true);
    }
    ArrayNode sens = r.putArray("sensitive");
    new TreeSet<>(e.sensitive()).forEach(sens::add);
    if (!e.contentVersions().isEmpty()) {
      r.set("content_versions", e.contentVersions());
    }
    return r;
  }

  /**
   * Applies journal records (from {@link #drainChanges}) newer than this document's serial, in order:
   * records a full write already contains are skipped, so replaying is safe whenever it happens.
   */
  public void replay(List<byte[]> records, String where) throws IOException {
    for (byte[] bytes : records) {
      JsonNode r;
      try {
        r = TfJson.read(bytes);
      } catch (IOException e) {
        throw new IOException("state journal at " + where + " has a record that is not JSON: " + e.getMessage(), e);
      }
      long recordSerial = r.path("serial").asLong();
      if (recordSerial <= serial) {
        continue;
      }
      if (!lineage.equals(r.path("lineage").asText())) {
        throw new IOException("state journal at " + where + " belongs to another state (lineage "
            + r.path("lineage").asText() + ", the state's is " + lineage + ")");
      }
      String address = r.path("address").asText();
      switch (r.path("op").asText()) {
        case "put" -> {
          pending.remove(address);
          resources.put(address, entry(r.path("entry")));
        }
        case "remove" -> resources.remove(address);
        case "pending" -> pending.put(address, r.path("type").asText());
        default -> throw new IOException("state journal at " + where + " has an unknown record: " + r);
      }
      serial = recordSerial;
    }
  }

  /**
   * A copy to read while this document goes on changing (the verification during an apply): entries
   * are immutable values and shared, the journal records are not copied. Callers hold this document's lock.
   */
  public StateDocument copy() {
    StateDocument c = new StateDocument(serial, lineage);
    c.resources.putAll(resources);
    c.pending.putAll(pending);
    return c;
  }

  /** The journal records of the changes made since the last call, oldest first. */
  public List<byte[]> drainChanges() {
    List<byte[]> out = List.copyOf(changes);
    changes.clear();
    return out;
  }

  /** One journal record: compact JSON on one line, carrying the serial the change made. */
  private void record(String op, String address, Consumer<ObjectNode> body) {
    ObjectNode r = TfJson.object().put("serial", serial).put("lineage", lineage).put("op", op).put("address", address);
    body.accept(r);
    changes.add(r.toString().getBytes(StandardCharsets.UTF_8));
  }

  public byte[] toBytes() {
    ObjectNode root = TfJson.object();
    root.put("version", VERSION);
    root.put("serial", serial);
    root.put("lineage", lineage);
    ObjectNode res = root.putObject("resources");
    resources.forEach((address, e) -> res.set(address, json(e)));
    if (!pending.isEmpty()) {
      ObjectNode p = root.putObject("pending");
      pending.forEach(p::put);
    }
    return TfJson.writeBytes(root);
  }

  public long serial() {
    return serial;
  }

  public String lineage() {
    return lineage;
  }

  /** Entries by address, sorted. */
  public Map<String, StateEntry> resources() {
    return Collections.unmodifiableMap(resources);
  }

  public Optional<StateEntry> get(String address) {
    return Optional.ofNullable(resources.get(address));
  }

  /** True when some entry of {@code type} has this target id (callers holding the document's lock). */
  public boolean tracks(String type, String id) {
    return resources.values().stream().anyMatch(e -> e.type().equals(type) && id.equals(e.id()));
  }

  public void markPending(String address, String type) {
    pending.put(address, type);
    serial++;
    record("pending", address, r -> r.put("type", type));
  }

  public boolean isPending(String address) {
    return pending.containsKey(address);
  }

  public void put(String address, StateEntry entry) {
    pending.remove(address);
    resources.put(address, entry);
    serial++;
    record("put", address, r -> r.set("entry", json(entry)));
  }

  public void remove(String address) {
    if (resources.remove(address) != null) {
      serial++;
      record("remove", address, r -> { });
    }
  }
}
