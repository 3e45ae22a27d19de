package io.dbsync.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.apply.ActionFailure;
import io.dbsync.kind.KindRegistry;
import io.dbsync.kind.RefreshRendering;
import io.dbsync.plan.Action;
import io.dbsync.plan.PlannedChange;
import io.dbsync.state.LocalStateStore;
import io.dbsync.lock.LockInfo;
import io.dbsync.state.StateDocument;
import io.dbsync.state.StateLock;
import io.dbsync.state.StateLockedException;
import io.dbsync.testing.ExportsFixture;
import io.dbsync.testing.FakeKind;
import io.dbsync.testing.FakeTarget;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImporterTest {
  @TempDir
  Path tmp;
  FakeTarget target;
  KindRegistry kinds;
  ExportsFixture exports;
  LocalStateStore store;
  Map<String, String> env;
  String adminsId;
  ByteArrayOutputStream output;

  @BeforeEach
  void setUp() throws Exception {
    target = new FakeTarget();
    kinds = new KindRegistry(List.of(
        new FakeKind("databricks_cluster_policy", "cluster_policy", "name", Set.of(), Set.of(), false, target),
        new FakeKind("databricks_cluster", "cluster", null, Set.of("spark_version"), Set.of(), false, target),
        FakeKind.simple("databricks_job", "job", target),
        new FakeKind("databricks_secret_scope", "secrets", "name", Set.of(), Set.of(), true, target),
        new FakeKind("databricks_secret", null, null, Set.of(), Set.of("string_value"), false, target),
        new FakeKind("databricks_notebook", "notebook", "path", Set.of(), Set.of(), false, target),
        new FakeKind("databricks_group", "identity", "display_name", Set.of(), Set.of(), false, target)));
    exports = ExportsFixture.standard(tmp.resolve("repo"));
    store = LocalStateStore.inDirectory(tmp.resolve("artifacts"));
    env = new HashMap<>(Map.of("TF_VAR_secret_val", "s3cr3t-value"));
    ObjectNode admins = TfJson.object().put("display_name", "admins");
    adminsId = target.put("databricks_group", admins);
  }

  ImportOptions.Builder options() {
    output = new ByteArrayOutputStream();
    return ImportOptions.builder(exports.exports, store, kinds, null).checkSchemas(false).env(env).who("tester")
        .out(new PrintStream(output, true, StandardCharsets.UTF_8));
  }

  ImportResult run(boolean apply) throws Exception {
    return new Importer(options().apply(apply).build()).run();
  }

  String printed() {
    return output.toString(StandardCharsets.UTF_8);
  }

  ObjectNode only(String type) {
    Map<String, ObjectNode> all = target.all(type);
    assertEquals(1, all.size(), type + " count");
    return all.values().iterator().next();
  }

  String idOf(String type) {
    return target.all(type).keySet().iterator().next();
  }

  Action actionOf(ImportResult r, String address) {
    return r.plan().changes().stream().filter(c -> c.address().equals(address)).findFirst().orElseThrow().action();
  }

  @Test
  void firstRunCreatesEverythingWithReferencesResolvedInDependencyOrder() throws Exception {
    ImportResult r = run(true);

    assertTrue(r.success(), r.failures().toString());
    assertEquals(0, r.exitCode());
    assertTrue(r.planText().contains("Plan: 6 to add, 0 to change, 0 to destroy."), r.planText());
    assertTrue(r.planText().contains("  # databricks_cluster.c1 will be created"), r.planText());
    ObjectNode cluster = only("databricks_cluster");
    assertEquals(idOf("databricks_cluster_policy"), cluster.get("policy_id").asText());
    assertEquals(adminsId, cluster.get("owner_group").asText());
    ObjectNode job = only("databricks_job");
    assertEquals(idOf("databricks_cluster"), job.get("existing_cluster_id").asText());
    assertEquals("UNPAUSED", job.get("schedule").get(0).get("pause_status").asText());
    assertEquals("s1", only("databricks_secret").get("scope").asText());
    assertEquals("s3cr3t-value", only("databricks_secret").get("string_value").asText());
    String sha = RefreshRendering.sha256(out -> out.write("print('hello')\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(sha, only("databricks_notebook").get("source").asText());

    List<String> w = target.writes;
    assertTrue(w.indexOf("create databricks_cluster_policy.p1") < w.indexOf("create databricks_cluster.c1"));
    assertTrue(w.indexOf("create databricks_cluster.c1") < w.indexOf("create databricks_job.j1"));
    assertTrue(w.indexOf("create databricks_secret_scope.s1") < w.indexOf("create databricks_secret.k"));
    assertEquals(6, w.size());

    StateDocument state = StateDocument.parse(store.read().orElseThrow(), "test");
    assertEquals(6, state.resources().size());
    assertEquals(List.of("databricks_cluster_policy.p1"), state.get("databricks_cluster.c1").orElseThrow().dependencies());
    assertEquals(sha, state.get("databricks_notebook.n1").orElseThrow().attributes().get("source").asText());
    assertEquals("cluster", state.get("databricks_cluster.c1").orElseThrow().dir());
    assertTrue(printed().contains("Apply complete! Resources: 6 added, 0 changed, 0 destroyed."), printed());
  }

  @Test
  void unchangedRevisionPlansNothingAndWritesNothing() throws Exception {
    run(true);
    int writes = target.writeCount();
    long serial = StateDocument.parse(store.read().orElseThrow(), "t").serial();

    ImportResult second = run(true);

    assertFalse(second.plan().hasChanges(), second.planText());
    assertEquals(writes, target.writeCount());
    assertTrue(second.planText().contains("No changes."), second.planText());
    assertTrue(second.planText().contains("Plan: 0 to add, 0 to change, 0 to destroy."));
    assertEquals(serial, StateDocument.parse(store.read().orElseThrow(), "t").serial());

    ImportResult skipRefresh = new Importer(options().apply(true).skipRefresh(true).build()).run();
    assertFalse(skipRefresh.plan().hasChanges(), skipRefresh.planText());
    assertEquals(writes, target.writeCount());
  }

  @Test
  void forceNewReplacesAndDependentsGetTheNewIdAndOtherChangesUpdateInPlace() throws Exception {
    run(true);
    String oldCluster = idOf("databricks_cluster");
    exports.file("cluster/c1.tf.json", Files.readString(exports.exports.resolve("cluster/c1.tf.json"))
        .replace("13.3", "14.3"));
    exports.file("cluster_policy/p1.tf.json", "{'resource': {'databricks_cluster_policy': {'p1': {'name': 'p1',"
        + " 'definition': '{\\'x\\': 1}'}}}}");

    ImportResult plan = run(false);
    assertEquals(Action.REPLACE, actionOf(plan, "databricks_cluster.c1"));
    assertEquals(Action.UPDATE, actionOf(plan, "databricks_job.j1"));
    assertEquals(Action.UPDATE, actionOf(plan, "databricks_cluster_policy.p1"));
    assertTrue(plan.planText().contains("-/+ resource \"databricks_cluster\" \"c1\""), plan.planText());
    assertTrue(plan.planText().contains("# forces replacement"), plan.planText());
    assertTrue(plan.planText().contains("existing_cluster_id = \"" + oldCluster + "\" -> (known after apply)"), plan.planText());
    assertTrue(plan.planText().contains("Plan: 1 to add, 2 to change, 1 to destroy."), plan.planText());

    ImportResult applied = run(true);
    assertTrue(applied.success(), applied.failures().toString());
    String newCluster = idOf("databricks_cluster");
    assertFalse(newCluster.equals(oldCluster));
    assertEquals(newCluster, only("databricks_job").get("existing_cluster_id").asText());
    assertEquals("{\"x\": 1}", only("databricks_cluster_policy").get("definition").asText());
    assertFalse(run(false).plan().hasChanges());
  }

  @Test
  void childrenOfAReplacedParentAreReapplied() throws Exception {
    run(true);
    exports.file("secrets/s1.tf.json", Files.readString(exports.exports.resolve("secrets/s1.tf.json"))
        .replace("{\"name\": \"s1\"}", "{\"name\": \"s1\", \"initial_manage_principal\": \"users\"}"));

    ImportResult r = run(true);

    assertEquals(Action.REPLACE, actionOf(r, "databricks_secret_scope.s1"));
    assertEquals(Action.UPDATE, actionOf(r, "databricks_secret.s1_k"));
    assertTrue(r.success(), r.failures().toString());
    List<String> w = target.writes;
    assertTrue(w.indexOf("create databricks_secret_scope.s1") < w.indexOf("update databricks_secret.k"), w.toString());
    assertFalse(run(false).plan().hasChanges());
  }

  @Test
  void removedResourcesAreDestroyedDependentsFirst() throws Exception {
    run(true);
    exports.delete("job/j1.tf.json").delete("cluster/c1.tf.json");

    ImportResult r = run(true);

    assertTrue(r.success(), r.failures().toString());
    assertEquals(Action.DELETE, actionOf(r, "databricks_job.j1"));
    assertTrue(r.planText().contains("  # databricks_job.j1 will be destroyed"), r.planText());
    List<String> w = target.writes;
    assertTrue(w.indexOf("delete databricks_job.j1") < w.indexOf("delete databricks_cluster.c1"), w.toString());
    assertEquals(0, target.count("databricks_cluster"));
    assertEquals(4, StateDocument.parse(store.read().orElseThrow(), "t").resources().size());
  }

  @Test
  void destroyDeletesEverythingInReverseDependencyOrder() throws Exception {
    run(true);
    ImportResult r = new Importer(options().apply(true).destroy(true).build()).run();

    assertTrue(r.success(), r.failures().toString());
    assertEquals(6, r.plan().toDestroy());
    List<String> w = target.writes;
    assertTrue(w.indexOf("delete databricks_job.j1") < w.indexOf("delete databricks_cluster.c1"));
    assertTrue(w.indexOf("delete databricks_cluster.c1") < w.indexOf("delete databricks_cluster_policy.p1"));
    assertTrue(w.indexOf("delete databricks_secret.k") < w.indexOf("delete databricks_secret_scope.s1"));
    assertEquals(0, target.count("databricks_job"));
    assertEquals(1, target.count("databricks_group"), "the admins group is data, never destroyed");
    assertTrue(StateDocument.parse(store.read().orElseThrow(), "t").resources().isEmpty());
  }

  @Test
  void sensitiveValuesAreMaskedAndWriteOnlyValuesCompareAgainstState() throws Exception {
    run(true);
    env.put("TF_VAR_secret_val", "rotated-value");

    ImportResult r = run(false);

    assertEquals(Action.UPDATE, actionOf(r, "databricks_secret.s1_k"));
    assertEquals(1, r.plan().toChange());
    assertTrue(r.planText().contains("string_value = (sensitive value) -> (sensitive value)"), r.planText());
    assertFalse(r.planText().contains("rotated-value"));
    assertFalse(r.planText().contains("s3cr3t-value"));
    assertFalse(r.planJson().toString().contains("rotated-value"));
    assertFalse(r.planJson().toString().contains("s3cr3t-value"));
    JsonNode secret = null;
    for (JsonNode rc : r.planJson().get("resource_changes")) {
      if (rc.get("address").asText().equals("databricks_secret.s1_k")) {
        secret = rc;
      }
    }
    assertEquals("[\"update\"]", secret.at("/change/actions").toString());
    assertFalse(secret.at("/change/after").has("string_value"), "a sensitive value is left out of the JSON plan");
    assertTrue(secret.at("/change/after_sensitive/string_value").asBoolean(), secret.toString());
  }

  @Test
  void passiveVariableDrivesTheConditional() throws Exception {
    env.put("TF_VAR_PASSIVE", "true");
    run(true);
    assertEquals("PAUSED", only("databricks_job").get("schedule").get(0).get("pause_status").asText());
  }

  @Test
  void crashAfterACreateResumesByAdoptingWithoutDuplicates() throws Exception {
    target.crashAfterCreateOf = "databricks_cluster_policy.p1"; // created, then the run dies before its state write
    ImportResult first = new Importer(options().apply(true).parallelism(1).build()).run();

    assertFalse(first.success());
    assertEquals(1, first.exitCode());
    ActionFailure policy = first.failures().stream().filter(f -> f.address().equals("databricks_cluster_policy.p1"))
        .findFirst().orElseThrow();
    assertFalse(policy.skipped());
    assertTrue(first.failures().stream().anyMatch(f -> f.address().equals("databricks_job.j1")
        && "databricks_cluster_policy.p1".equals(f.blockedBy())), first.failures().toString());
    assertEquals(1, target.count("databricks_cluster_policy"));
    assertEquals(0, target.count("databricks_cluster"));
    assertEquals(1, target.count("databricks_notebook"), "independent changes went on");
    assertTrue(StateDocument.parse(store.read().orElseThrow(), "t").get("databricks_cluster_policy.p1").isEmpty());

    ImportResult second = run(true);

    assertTrue(second.success(), second.failures().toString());
    assertEquals(Action.ADOPT, actionOf(second, "databricks_cluster_policy.p1"));
    assertTrue(second.planText().contains("will be adopted"), second.planText());
    assertEquals(1, target.count("databricks_cluster_policy"), "no duplicate policy");
    assertEquals(1, target.count("databricks_cluster"));
    assertEquals(1, target.count("databricks_job"));
    assertFalse(run(false).plan().hasChanges());
  }

  @Test
  void createWithSkipRefreshStillAdoptsBeforeCreating() throws Exception {
    target.put("databricks_cluster_policy", TfJson.object().put("name", "p1").put("definition", "{}"));
    ImportResult r = new Importer(options().apply(true).skipRefresh(true).build()).run();

    assertTrue(r.success(), r.failures().toString());
    assertEquals(Action.CREATE, actionOf(r, "databricks_cluster_policy.p1"), "no API reads while planning");
    assertEquals(1, target.count("databricks_cluster_policy"), "adopted at apply, not duplicated");
    assertFalse(target.writes.contains("create databricks_cluster_policy.p1"));
  }

  @Test
  void failedActionFailsItsDependentsOnly() throws Exception {
    target.failCreateOfLabel = "c1";
    ImportResult r = run(true);

    assertEquals(1, r.exitCode());
    assertEquals(2, r.failures().size(), r.failures().toString());
    ActionFailure job = r.failures().stream().filter(f -> f.address().equals("databricks_job.j1")).findFirst().orElseThrow();
    assertEquals("databricks_cluster.c1", job.blockedBy());
    assertEquals(4, r.applied().size());
    assertTrue(printed().contains("Apply failed"), printed());
    assertEquals(4, StateDocument.parse(store.read().orElseThrow(), "t").resources().size());

    target.failCreateOfLabel = null;
    ImportResult again = run(true);
    assertTrue(again.success());
    assertEquals(2, again.plan().toAdd());
  }

  @Test
  void stateIsWrittenAfterEveryAction() throws Exception {
    RecordingStore recording = new RecordingStore(store);
    ImportResult r = new Importer(ImportOptions.builder(exports.exports, recording, kinds, null).checkSchemas(false).env(env)
        .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).apply(true).build()).run();

    assertTrue(r.success());
    // each create is recorded twice, the pending mark before the API call and the result after it;
    // parallel actions may share a write (group commit), so there are at most 12 writes
    assertTrue(recording.snapshots.size() <= 12 && recording.snapshots.size() >= 2, "writes: " + recording.snapshots.size());
    List<StateDocument> docs = new java.util.ArrayList<>();
    for (byte[] b : recording.snapshots) {
      docs.add(StateDocument.parse(b, "t"));
    }
    for (int i = 1; i < docs.size(); i++) {
      assertTrue(docs.get(i).resources().size() >= docs.get(i - 1).resources().size(), "state only grows");
    }
    StateDocument last = docs.get(docs.size() - 1);
    assertEquals(6, last.resources().size());
    for (String address : last.resources().keySet()) {
      int firstRecorded = java.util.stream.IntStream.range(0, docs.size())
          .filter(i -> docs.get(i).resources().containsKey(address)).findFirst().orElseThrow();
      assertTrue(firstRecorded > 0 && docs.get(firstRecorded - 1).isPending(address) || docs.stream()
          .limit(firstRecorded).anyMatch(d -> d.isPending(address)), address + " was marked pending before it was created");
      assertFalse(docs.get(firstRecorded).isPending(address), "recording the result clears the mark");
    }
  }

  @Test
  void parallelismIsBoundedByOptionAndEnvironment() throws Exception {
    ExportsFixture many = new ExportsFixture(tmp.resolve("many"));
    for (int i = 0; i < 12; i++) {
      many.file("cluster_policy/p" + i + ".tf.json",
          "{'resource': {'databricks_cluster_policy': {'p" + i + "': {'name': 'p" + i + "'}}}}");
    }
    target.writeDelayMillis = 40;
    env.put(ImportOptions.PARALLELISM_ENV, "3");
    ImportResult r = new Importer(ImportOptions.builder(many.exports, store, kinds, null).checkSchemas(false).env(env).apply(true)
        .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).build()).run();

    assertTrue(r.success());
    assertEquals(12, target.count("databricks_cluster_policy"));
    assertEquals(3, target.maxInFlight.get());
  }

  @Test
  void planOnlyChangesNothing() throws Exception {
    Path planFile = tmp.resolve("artifacts/plan.json");
    ImportResult r = new Importer(options().planFile(planFile).build()).run();
    assertEquals(6, TfJson.read(Files.readAllBytes(planFile)).at("/databricks_sync/summary/add").asInt());

    assertEquals(6, r.plan().toAdd());
    assertEquals(0, target.writeCount());
    assertTrue(store.read().isEmpty());
    assertTrue(r.applied().isEmpty());
    assertTrue(printed().contains("Plan: 6 to add"), printed());
  }

  @Test
  void heldLockStopsTheRunUnlessLockingIsDisabled() throws Exception {
    try (StateLock held = store.lock(new LockInfo("other-id", "alice@ci", "import apply", 0))) {
      StateLockedException e = assertThrows(StateLockedException.class, () -> run(true));
      assertTrue(e.getMessage().contains("alice@ci"), e.getMessage());
      assertEquals("other-id", e.holder().id());
      assertEquals(0, target.writeCount());

      env.put(ImportOptions.LOCK_ENV, "false");
      assertTrue(run(true).success());
    }
    assertFalse(Files.exists(store.lockFile()));
    env.remove(ImportOptions.LOCK_ENV);
    run(false);
    assertFalse(Files.exists(store.lockFile()), "the run releases its lock");
  }

  @Test
  void objectTypeSelectionLimitsCreatesAndDeletes() throws Exception {
    ImportResult policies = new Importer(options().apply(true).objectTypes(List.of("CLUSTER_POLICY")).build()).run();
    assertEquals(1, policies.plan().toAdd());
    assertEquals(1, target.writeCount());

    run(true);
    exports.delete("job/j1.tf.json");
    ImportResult onlyPolicies = new Importer(options().apply(true).objectTypes(List.of("databricks_cluster_policy")).build()).run();
    assertFalse(onlyPolicies.plan().hasChanges(), "the job's deletion is outside the selection");
    ImportResult jobs = new Importer(options().apply(false).objectTypes(List.of("job")).build()).run();
    assertEquals(1, jobs.plan().toDestroy());

    assertThrows(ImportException.class, () -> new Importer(options().objectTypes(List.of("nonsense")).build()).run());
  }

  @Test
  void objectsGoneOrDriftedInTheTargetAreRecreatedOrUpdated() throws Exception {
    run(true);
    target.remove("databricks_cluster", idOf("databricks_cluster"));
    String policyId = idOf("databricks_cluster_policy");
    target.replace("databricks_cluster_policy", policyId,
        TfJson.object().put("name", "p1").put("definition", "{\"edited\": true}"));

    ImportResult r = run(false);
    assertEquals(Action.CREATE, actionOf(r, "databricks_cluster.c1"));
    assertTrue(r.planText().contains("the object no longer exists in the target"), r.planText());
    assertEquals(Action.UPDATE, actionOf(r, "databricks_cluster_policy.p1"));
    assertEquals(Action.UPDATE, actionOf(r, "databricks_job.j1"));

    ImportResult skip = new Importer(options().skipRefresh(true).build()).run();
    assertFalse(skip.plan().hasChanges(), "--skip-refresh compares with the state only");

    assertTrue(run(true).success());
    assertFalse(run(false).plan().hasChanges());
  }

  @Test
  void existingObjectWithTheSameNaturalKeyIsAdoptedAndUpdated() throws Exception {
    target.put("databricks_cluster_policy", TfJson.object().put("name", "p1").put("definition", "{\"old\": 1}"));
    ImportResult plan = run(false);
    PlannedChange p = plan.plan().changes().stream()
        .filter(c -> c.address().equals("databricks_cluster_policy.p1")).findFirst().orElseThrow();
    assertEquals(Action.ADOPT, p.action());
    assertEquals(List.of("definition"), p.change().diffs().stream().map(a -> a.key()).toList());
    assertTrue(plan.planText().contains("Plan: 1 to import, 5 to add, 1 to change, 0 to destroy."), plan.planText());

    assertTrue(run(true).success());
    assertEquals("{}", only("databricks_cluster_policy").get("definition").asText());
    assertFalse(target.writes.contains("create databricks_cluster_policy.p1"));
    assertFalse(run(false).plan().hasChanges());
  }

  @Test
  void missingRequiredVariableIsNamed() {
    env.clear();
    ImportException e = assertThrows(ImportException.class, () -> run(false));
    assertTrue(e.getMessage().contains("secret_val"), e.getMessage());
    assertTrue(e.getMessage().contains("TF_VAR_secret_val"), e.getMessage());
  }

  @Test
  void badReferencesCyclesAndSettingsAreReportedBeforeAnyWrite() throws Exception {
    exports.file("job/j2.tf.json", "{'resource': {'databricks_job': {'j2': {'name': 'j2',"
        + " 'existing_cluster_id': '${databricks_cluster.missing.id}'}}}}");
    ImportException e = assertThrows(ImportException.class, () -> run(true));
    assertTrue(e.getMessage().contains("databricks_cluster.missing") && e.getMessage().contains("job/j2.tf.json"),
        e.getMessage());

    exports.file("job/j2.tf.json", "{'resource': {'databricks_job': {'j2': {'name': '${databricks_job.j3.name}'},"
        + " 'j3': {'name': '${databricks_job.j2.name}'}}}}");
    e = assertThrows(ImportException.class, () -> run(true));
    assertTrue(e.getMessage().contains("cycle") && e.getMessage().contains("databricks_job.j2"), e.getMessage());

    exports.delete("job/j2.tf.json");
    env.put(ImportOptions.PARALLELISM_ENV, "lots");
    e = assertThrows(ImportException.class, () -> run(true));
    assertTrue(e.getMessage().contains(ImportOptions.PARALLELISM_ENV), e.getMessage());
    assertEquals(0, target.writeCount());
    assertFalse(Files.exists(store.lockFile()), "the lock is released on errors");
  }

  @Test
  void anApplyShowsThePlanThenAsksAndADeclinedApplyWritesNothing() throws Exception {
    List<String> seenBeforeAsking = new java.util.ArrayList<>();
    ImportResult declined = new Importer(options().apply(true).printPlan(false).approval(plan -> {
      seenBeforeAsking.add(printed());
      return false;
    }).build()).run();
    assertTrue(declined.cancelled());
    assertEquals(1, declined.exitCode());
    assertTrue(seenBeforeAsking.get(0).contains("Plan: 6 to add"), "the plan is printed before the question, even without --plan");
    assertTrue(printed().contains("Apply cancelled"), printed());
    assertEquals(0, target.writeCount());
    assertTrue(store.read().isEmpty(), "no state is written");

    ImportResult approved = new Importer(options().apply(true).approval(plan -> true).build()).run();
    assertTrue(approved.success());
    assertTrue(approved.verification().inSync(), approved.verification().text());
    assertEquals(approved.applied().size(), approved.verification().checked());
    assertTrue(printed().contains("Verified " + approved.applied().size() + " of " + approved.applied().size() + " objects."), printed());
  }

  @Test
  void artifactChangeIsAnUpdate() throws Exception {
    run(true);
    Files.writeString(exports.exports.resolve("notebook/data/Shared/n1.py"), "print('changed')\n");
    ImportResult r = run(true);
    assertEquals(Action.UPDATE, actionOf(r, "databricks_notebook.n1"));
    assertTrue(r.planText().matches("(?s).*~ source = \\(file sha256:[0-9a-f]{12}\\) -> \\(file sha256:[0-9a-f]{12}\\)\n.*"), r.planText());
    assertFalse(run(false).plan().hasChanges());
  }

  /** A store that keeps every state written. */
  static final class RecordingStore implements io.dbsync.state.StateStore {
    final io.dbsync.state.StateStore delegate;
    final List<byte[]> snapshots = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    RecordingStore(io.dbsync.state.StateStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public java.util.Optional<byte[]> read() throws java.io.IOException {
      return delegate.read();
    }

    @Override
    public void write(byte[] state) throws java.io.IOException {
      snapshots.add(state);
      delegate.write(state);
    }

    @Override
    public StateLock lock(LockInfo info) throws java.io.IOException, StateLockedException {
      return delegate.lock(info);
    }

    @Override
    public void forceUnlock(String lockId) throws java.io.IOException {
      delegate.forceUnlock(lockId);
    }

    @Override
    public String describe() {
      return delegate.describe();
    }
  }
}
