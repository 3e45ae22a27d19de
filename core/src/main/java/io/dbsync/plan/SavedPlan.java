package io.dbsync.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.expr.Unknown;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What `import --plan --out FILE` saves so that `import --apply-plan FILE` applies exactly the plan
 * that was reviewed: the revision (commit id), the state it was planned against (lineage and
 * serial), the selection (object types, targets, destroy, skip-refresh), and for every resource its
 * action and a hash of the object as the target had it and of what was desired. The applying run
 * plans again from the same inputs and goes ahead only if every one of these is unchanged; otherwise
 * {@link #differences} names what moved (a new commit, a state written by another run, an object
 * edited in the target, a variable given another value). No value is stored, only hashes; values of
 * sensitive attributes are salted before hashing (the salt is in the file, as the state keeps its
 * secrets), so a plan file is no more secret than the plan text.
 *
 * @param revision the imported commit, null for a destroy plan
 * @param stateLineage the state's lineage, null when there was no state yet
 * @param objects address to fingerprint, sorted
 */
public record SavedPlan(String revision, String stateLineage, long stateSerial, List<String> objectTypes,
                        List<String> targets, boolean destroy, boolean skipRefresh, String salt,
                        Map<String, Fingerprint> objects) {
  public static final int VERSION = 1;
  /** Where the saved plan sits inside the JSON plan file. */
  public static final String KEY = "saved_plan";

  /** One resource of the plan: its action and hashes of the object before and after (null when absent). */
  public record Fingerprint(String action, String before, String after) {}

  public SavedPlan {
    objectTypes = List.copyOf(objectTypes);
    targets = List.copyOf(targets);
    objects = Map.copyOf(objects);
  }

  /**
   * The fingerprint of {@code plan}.
   *
   * @param salt for the sensitive values: a new random one when saving ({@link #newSalt}), the saved
   *             plan's when checking it
   */
  public static SavedPlan of(Plan plan, String revision, String stateLineage, long stateSerial,
                             List<String> objectTypes, List<String> targets, boolean skipRefresh, String salt) {
    Map<String, Fingerprint> objects = new TreeMap<>();
    for (PlannedChange c : plan.changes()) {
      ObjectNode lastApplied = c.prior() == null ? null : c.prior().attributes();
      ObjectNode compared = c.change().before() == null ? null
          : (ObjectNode) compared(c.change().before(), c.change().after(), lastApplied);
      objects.put(c.address(), new Fingerprint(c.action().name().toLowerCase(Locale.ROOT),
          hash(compared, c, salt), hash(c.change().after(), c, salt)));
    }
    return new SavedPlan(revision, stateLineage, stateSerial, objectTypes, targets, plan.destroy(), skipRefresh,
        salt, objects);
  }

  public static String newSalt() {
    return UUID.randomUUID().toString();
  }

  /**
   * What differs in {@code now} (the plan made by the applying run) from this saved plan, one
   * sentence each; empty when the saved plan can be applied as it is.
   */
  public List<String> differences(SavedPlan now) {
    List<String> out = new ArrayList<>();
    if (!Objects.equals(revision, now.revision)) {
      out.add("the revision changed: the plan was made from " + revision + ", this run reads " + now.revision);
    }
    if (!Objects.equals(stateLineage, now.stateLineage)) {
      out.add(stateLineage == null ? "the state was created since the plan was saved (another import ran)"
          : "the state is not the one the plan was made against (lineage " + stateLineage + ", now " + now.stateLineage + ")");
    } else if (stateSerial != now.stateSerial) {
      out.add("the state changed since the plan was saved (serial " + stateSerial + ", now " + now.stateSerial
          + "): another import ran");
    }
    TreeSet<String> addresses = new TreeSet<>(objects.keySet());
    addresses.addAll(now.objects.keySet());
    for (String a : addresses) {
      Fingerprint was = objects.get(a);
      Fingerprint is = now.objects.get(a);
      if (was == null) {
        out.add(a + " is not in the saved plan (it would now " + is.action() + ")");
      } else if (is == null) {
        out.add(a + " was in the saved plan (" + was.action() + ") but is no longer planned");
      } else if (!Objects.equals(was.before(), is.before())) {
        out.add(a + " changed in the target since the plan was saved");
      } else if (!Objects.equals(was.after(), is.after())) {
        out.add(a + ": the desired attributes differ from the saved plan (another variable value or mapping?)");
      } else if (!was.action().equals(is.action())) {
        out.add(a + ": the saved plan says " + was.action() + ", the target now needs " + is.action());
      }
    }
    return out;
  }

  public ObjectNode toJson() {
    ObjectNode o = TfJson.object();
    o.put("version", VERSION);
    if (revision != null) {
      o.put("revision", revision);
    }
    ObjectNode state = o.putObject("state");
    if (stateLineage != null) {
      state.put("lineage", stateLineage);
    }
    state.put("serial", stateSerial);
    ObjectNode selection = o.putObject("selection");
    ArrayNode types = selection.putArray("object_types");
    objectTypes.forEach(types::add);
    ArrayNode t = selection.putArray("targets");
    targets.forEach(t::add);
    selection.put("destroy", destroy);
    selection.put("skip_refresh", skipRefresh);
    o.put("salt", salt);
    ObjectNode objs = o.putObject("objects");
    objects.forEach((address, f) -> {
      ObjectNode e = objs.putObject(address);
      e.put("action", f.action());
      putHash(e, "before", f.before());
      putHash(e, "after", f.after());
    });
    return o;
  }

  /** Writes {@code jsonPlan} (the terraform-shaped plan) with this saved plan under databricks_sync.saved_plan. */
  public void write(Path file, ObjectNode jsonPlan) throws IOException {
    ObjectNode doc = jsonPlan.deepCopy();
    JsonNode ours = doc.get("databricks_sync");
    (ours instanceof ObjectNode o ? o : doc.putObject("databricks_sync")).set(KEY, toJson());
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(file, TfJson.writeBytes(doc));
  }

  /** Reads a plan file written by {@link #write}; a missing or foreign file is a {@link PlanException}. */
  public static SavedPlan read(Path file) throws PlanException, IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new PlanException("saved plan " + file + " not found");
    }
    JsonNode root;
    try {
      root = TfJson.read(bytes);
    } catch (IOException e) {
      throw new PlanException("saved plan " + file + " is not JSON: " + e.getMessage());
    }
    JsonNode o = root == null ? null : root.path("databricks_sync").get(KEY);
    if (o == null || !o.isObject()) {
      throw new PlanException(file + " is not a plan saved by `import --plan --out FILE`");
    }
    if (o.path("version").asInt(-1) != VERSION) {
      throw new PlanException("saved plan " + file + " has version " + o.path("version")
          + ", this tool reads version " + VERSION);
    }
    Map<String, Fingerprint> objects = new TreeMap<>();
    o.path("objects").properties().forEach(e -> objects.put(e.getKey(), new Fingerprint(
        e.getValue().path("action").asText(), text(e.getValue(), "before"), text(e.getValue(), "after"))));
    JsonNode selection = o.path("selection");
    return new SavedPlan(text(o, "revision"), text(o.path("state"), "lineage"), o.path("state").path("serial").asLong(),
        strings(selection.path("object_types")), strings(selection.path("targets")),
        selection.path("destroy").asBoolean(), selection.path("skip_refresh").asBoolean(), o.path("salt").asText(),
        objects);
  }

  /**
   * The part of the target's object the plan compares: keys the desired object or the last-applied
   * one has, recursively. What only the target has (computed values, timestamps, a cluster's state)
   * is not part of the plan, so its change does not make a saved plan stale.
   */
  private static JsonNode compared(JsonNode before, JsonNode after, JsonNode last) {
    if (before.isObject() && (isObject(after) || isObject(last))) {
      ObjectNode out = TfJson.object();
      before.properties().forEach(e -> {
        JsonNode a = isObject(after) ? after.get(e.getKey()) : null;
        JsonNode l = isObject(last) ? last.get(e.getKey()) : null;
        if (a != null || l != null) {
          out.set(e.getKey(), compared(e.getValue(), a, l));
        }
      });
      return out;
    }
    if (before.isArray()) {
      ArrayNode out = TfJson.array();
      for (int i = 0; i < before.size(); i++) {
        JsonNode a = after != null && after.isArray() ? after.get(i) : null;
        JsonNode l = last != null && last.isArray() ? last.get(i) : null;
        out.add(a == null && l == null ? before.get(i) : compared(before.get(i), a, l));
      }
      return out;
    }
    return before;
  }

  private static boolean isObject(JsonNode n) {
    return n != null && n.isObject();
  }

  private static String hash(ObjectNode attrs, PlannedChange c, String salt) {
    if (attrs == null) {
      return null;
    }
    ObjectNode concealed = SensitiveValues.conceal((ObjectNode) Unknown.displayable(attrs), c.sensitive(), salt);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(TfJson.write(concealed).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void putHash(ObjectNode o, String key, String hash) {
    if (hash == null) {
      o.putNull(key);
    } else {
      o.put(key, hash);
    }
  }

  private static String text(JsonNode o, String key) {
    JsonNode v = o.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
