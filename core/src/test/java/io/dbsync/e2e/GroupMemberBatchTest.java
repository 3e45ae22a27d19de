package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.User;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.apply.ActionFailure;
import io.dbsync.git.GitTarget;
import io.dbsync.git.RevisionCheckout;
import io.dbsync.importer.ImportOptions;
import io.dbsync.importer.ImportResult;
import io.dbsync.importer.Importer;
import io.dbsync.kind.KindRegistry;
import io.dbsync.plan.Action;
import io.dbsync.state.LocalStateStore;
import io.dbsync.state.StateDocument;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memberships of one group are added by one PATCH (issue 14: SCIM writes are the import's slowest
 * bucket), with the guarantees of one PATCH per member: a bad member fails alone, a crash mid-apply
 * resumes without duplicates, and the result is exact at any parallelism.
 */
class GroupMemberBatchTest {
  static final String GROUP_PATCH = "PATCH /api/2.0/preview/scim/v2/Groups/{id}";
  static final String MEMBER = "databricks_group_member";
  /** The admin user's membership of admins, exported too (adopted in the target). */
  static final int ADMIN = 1;

  @TempDir
  Path tmp;

  /** {@code groups} groups "team-i", each with its own users "u-i-j" as members. */
  static void seed(WorkspaceClient w, int groups, int members) {
    for (int i = 0; i < groups; i++) {
      List<ComplexValue> users = new ArrayList<>();
      for (int j = 0; j < members; j++) {
        users.add(new ComplexValue().setValue(w.users().create(new User().setUserName("u-" + i + "-" + j + "@example.com")).getId()));
      }
      w.groups().create(new Group().setDisplayName("team-" + i).setMembers(users));
    }
  }

  /** Group name -> user names of its members, for the groups named team-*. */
  static Map<String, Set<String>> memberships(WorkspaceClient w) {
    Map<String, String> userNames = new TreeMap<>();
    w.users().list(new ListUsersRequest()).forEach(u -> userNames.put(u.getId(), u.getUserName()));
    Map<String, String> groupNames = new TreeMap<>();
    List<Group> groups = new ArrayList<>();
    w.groups().list(new ListGroupsRequest()).forEach(g -> {
      groups.add(g);
      groupNames.put(g.getId(), g.getDisplayName());
    });
    Map<String, Set<String>> out = new TreeMap<>();
    for (Group g : groups) {
      if (!g.getDisplayName().startsWith("team-")) {
        continue;
      }
      Set<String> names = new TreeSet<>();
      Group full = w.groups().get(g.getId());
      if (full.getMembers() != null) {
        full.getMembers().forEach(m -> names.add(userNames.getOrDefault(m.getValue(), groupNames.get(m.getValue()))));
      }
      out.put(g.getDisplayName(), names);
    }
    return out;
  }

  private static StateDocument state(Path stateDir) throws Exception {
    return StateDocument.parse(Files.readAllBytes(stateDir.resolve("databricks-sync.state.json")), "state");
  }

  private static List<String> memberEntries(StateDocument state) {
    return state.resources().keySet().stream().filter(a -> a.startsWith(MEMBER + ".")).sorted().toList();
  }

  @Test
  void aFirstImportAddsEachGroupsMembersWithOnePatch() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      seed(source.client(), 6, 8);
      Path repo = tmp.resolve("repo");
      E2eSupport.export(source.client(), repo);
      Path stateDir = tmp.resolve("state");
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, stateDir, target.client(), Map.of());
      target.emulator().requests().reset();

      ImportResult first = importing.run(b -> b.apply(true).parallelism(8));
      assertTrue(first.success(), first.failures() + "\n" + importing.output());
      assertEquals(6, target.emulator().requests().route(GROUP_PATCH), "one PATCH per group:\n" + importing.output());
      assertEquals(0, target.emulator().requests().route("GET /api/2.0/preview/scim/v2/Groups/{id}"),
          "no group read on its own: the plan and the verification take members from the group listing, and a new"
              + " group is not read before its adds (it has no members)");
      assertEquals(2, target.emulator().requests().route("GET /api/2.0/preview/scim/v2/Groups"),
          "one group listing for the plan, one for the verification (each one page, no empty page after it)");
      assertEquals(48 + ADMIN, memberEntries(state(stateDir)).size(), "one state entry per member");
      assertEquals(48 + ADMIN, first.applied().stream().filter(a -> a.address().startsWith(MEMBER + ".")).count(), "each member reported");
      assertEquals(memberships(source.client()), memberships(target.client()));

      long writes = target.emulator().requests().writes();
      ImportResult again = importing.run(true);
      assertTrue(again.success(), again.failures().toString());
      assertFalse(again.plan().hasChanges(), again.planText());
      assertEquals(writes, target.emulator().requests().writes());
    }
  }

  /**
   * A member that cannot be added (its user id does not exist in the target) fails alone, with the
   * workspace's message naming it; the group's other members land, what depends on that member is
   * skipped, and once the revision is fixed a re-run adds it and its dependent.
   */
  @Test
  void oneBadMemberFailsAloneAndARerunCompletesIt() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      seed(source.client(), 2, 8);
      Path repo = tmp.resolve("repo");
      E2eSupport.export(source.client(), repo);
      Path groupFile = groupFile(repo, "team_0");
      ObjectNode doc = (ObjectNode) TfJson.read(Files.readAllBytes(groupFile));
      ObjectNode members = (ObjectNode) doc.path("resource").path(MEMBER);
      TreeSet<String> names = new TreeSet<>();
      members.fieldNames().forEachRemaining(names::add);
      String bad = names.first();
      String reference = members.path(bad).path("member_id").asText();
      ((ObjectNode) members.get(bad)).put("member_id", "424242");
      ObjectNode dependent = ((ObjectNode) doc.path("resource").get("databricks_group")).putObject("after_bad");
      dependent.put("display_name", "after-bad");
      dependent.putArray("depends_on").add(MEMBER + "." + bad);
      commit(repo, groupFile, doc, "a member the target cannot have");

      Path stateDir = tmp.resolve("state");
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, stateDir, target.client(), Map.of());
      target.emulator().requests().reset();
      ImportResult broken = importing.run(b -> b.apply(true).parallelism(8));
      assertFalse(broken.success());
      assertTrue(importing.output().contains("the batch failed"), importing.output());
      assertEquals(1 + 1 + 8, target.emulator().requests().route(GROUP_PATCH),
          "team-1's batch, team-0's batch (refused as a whole), then team-0's members one at a time");
      Map<String, ActionFailure> failures = new TreeMap<>();
      broken.failures().forEach(f -> failures.put(f.address(), f));
      assertEquals(Set.of(MEMBER + "." + bad, "databricks_group.after_bad"), failures.keySet(), importing.output());
      ActionFailure failed = failures.get(MEMBER + "." + bad);
      assertFalse(failed.skipped());
      assertTrue(failed.message().contains("424242"), failed.message());
      assertEquals(MEMBER + "." + bad, failures.get("databricks_group.after_bad").blockedBy());
      assertEquals(15 + ADMIN, memberEntries(state(stateDir)).size(), "the other members are recorded");
      Map<String, Set<String>> expected = memberships(source.client());
      Map<String, Set<String>> landed = memberships(target.client());
      assertEquals(expected.get("team-1"), landed.get("team-1"));
      assertEquals(7, landed.get("team-0").size(), "the bad member's group has its other 7: " + landed);

      ((ObjectNode) members.get(bad)).put("member_id", reference);
      commit(repo, groupFile, doc, "fixed");
      ImportResult fixed = importing.run(b -> b.apply(true).parallelism(8));
      assertTrue(fixed.success(), fixed.failures() + "\n" + importing.output());
      assertEquals(Set.of(Action.CREATE + " " + MEMBER + "." + bad, Action.CREATE + " databricks_group.after_bad"),
          new TreeSet<>(fixed.applied().stream().map(a -> a.action() + " " + a.address()).toList()), fixed.planText());
      assertEquals(expected, memberships(target.client()));
      assertFalse(importing.run(true).plan().hasChanges());
    }
  }

  /**
   * The run dies after the batch PATCH landed, before the state recorded its members: the next run
   * adopts them (the pending marks say they are its own), adds nothing twice and converges.
   */
  @Test
  void aCrashAfterTheBatchResumesWithoutDuplicates() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      seed(source.client(), 3, 8);
      Path repo = tmp.resolve("repo");
      E2eSupport.export(source.client(), repo);
      Path stateDir = tmp.resolve("state");
      CrashingStateStore crashing = new CrashingStateStore(LocalStateStore.inDirectory(stateDir), MEMBER, "team_");
      try (RevisionCheckout co = RevisionCheckout.of(GitTarget.parse(repo.toString()), "main", null, null)) {
        ImportResult r = new Importer(ImportOptions.builder(co.files(), crashing, KindRegistry.standard(),
            target.client()).env(Map.of()).varOverrides(Map.of())
            .printPlan(false).parallelism(4).out(new PrintStream(OutputStream.nullOutputStream()))
            .apply(true).build()).run();
        assertFalse(r.success(), "the run crashed");
      }
      assertTrue(crashing.crashed());
      assertTrue(target.emulator().requests().route(GROUP_PATCH) >= 1, "a batch landed before the crash");

      E2eSupport.Importing importing = new E2eSupport.Importing(repo, stateDir, target.client(), Map.of());
      ImportResult resumed = importing.run(b -> b.apply(true).parallelism(4));
      assertTrue(resumed.success(), resumed.failures() + "\n" + importing.output());
      assertTrue(resumed.applied().stream().anyMatch(a -> a.address().startsWith(MEMBER + ".") && a.action() == Action.ADOPT),
          "members the crashed run added are adopted:\n" + resumed.planText());
      assertEquals(memberships(source.client()), memberships(target.client()));
      StateDocument state = state(stateDir);
      assertEquals(24 + ADMIN, memberEntries(state).size());
      assertTrue(memberEntries(state).stream().noneMatch(a -> state.resources().get(a).adopted()),
          "what the crashed run added is the import's own");
      assertFalse(importing.run(true).plan().hasChanges());
    }
  }

  /**
   * Many groups, each with a random set of members (users and other groups), at parallelism 16: every
   * membership lands once, the state has exactly one entry per membership, one PATCH per group.
   */
  @Test
  void manyGroupsWithRandomMembersAtParallelism16AreExact() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      WorkspaceClient w = source.client();
      Random random = new Random(14);
      List<String> users = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        users.add(w.users().create(new User().setUserName("p" + i + "@example.com")).getId());
      }
      List<String> groups = new ArrayList<>();
      int memberships = 0;
      for (int g = 0; g < 30; g++) {
        List<String> pool = new ArrayList<>(users);
        pool.addAll(groups); // nested: earlier groups as members
        Collections.shuffle(pool, random);
        List<ComplexValue> members = pool.subList(0, 5 + random.nextInt(25)).stream()
            .map(id -> new ComplexValue().setValue(id)).toList();
        memberships += members.size();
        groups.add(w.groups().create(new Group().setDisplayName("team-" + g).setMembers(members)).getId());
      }
      Path repo = tmp.resolve("repo");
      E2eSupport.export(w, repo);
      Path stateDir = tmp.resolve("state");
      E2eSupport.Importing importing = new E2eSupport.Importing(repo, stateDir, target.client(), Map.of());
      target.emulator().requests().reset();

      ImportResult first = importing.run(b -> b.apply(true).parallelism(16));
      assertTrue(first.success(), first.failures() + "\n" + importing.output());
      assertEquals(30, target.emulator().requests().route(GROUP_PATCH), "one PATCH per group");
      assertEquals(memberships + ADMIN, memberEntries(state(stateDir)).size());
      assertEquals(memberships(w), memberships(target.client()));
      assertFalse(importing.run(true).plan().hasChanges());
    }
  }

  private static Path groupFile(Path repo, String name) throws Exception {
    List<Path> all;
    try (Stream<Path> files = Files.walk(repo.resolve("exports"))) {
      all = files.filter(Files::isRegularFile).toList();
    }
    return all.stream().filter(p -> p.getFileName().toString().startsWith(name + "_")).findFirst()
        .orElseThrow(() -> new AssertionError("no exported file for group " + name + " in " + all));
  }

  private static void commit(Path repo, Path file, JsonNode doc, String message) throws Exception {
    Files.writeString(file, TfJson.write(doc));
    try (Git git = Git.open(repo.toFile())) {
      git.add().addFilepattern("exports").setUpdate(true).call();
      git.commit().setMessage(message).setSign(false).call();
    }
  }
}
