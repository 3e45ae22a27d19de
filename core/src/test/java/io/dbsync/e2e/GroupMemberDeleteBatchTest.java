package io.dbsync.e2e;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.importer.ImportResult;
import io.dbsync.plan.Action;
import io.dbsync.state.StateDocument;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memberships the revision no longer has leave their group by one PATCH per group (as they were added:
 * {@link GroupMemberBatchTest}), and a batch the workspace refuses falls back to one delete per member,
 * where a membership already gone is success.
 */
class GroupMemberDeleteBatchTest {
  static final String GROUP_PATCH = GroupMemberBatchTest.GROUP_PATCH;
  static final String MEMBER = GroupMemberBatchTest.MEMBER;

  @TempDir
  Path tmp;

  /** The target after importing the source's export: groups team-i, each with {@code members} users u-i-j. */
  private E2eSupport.Importing imported(TestWorkspace source, TestWorkspace target, int groups, int members)
      throws Exception {
    GroupMemberBatchTest.seed(source.client(), groups, members);
    E2eSupport.export(source.client(), tmp.resolve("repo"));
    E2eSupport.Importing importing = new E2eSupport.Importing(tmp.resolve("repo"), tmp.resolve("state"),
        target.client(), Map.of());
    assertTrue(importing.run(b -> b.apply(true).parallelism(16)).success(), importing.output());
    return importing;
  }

  /** Removes {@code count} member resources from each named group's file and commits; returns their addresses. */
  private static Set<String> dropMembers(Path repo, int count, String... groups) throws Exception {
    Set<String> dropped = new TreeSet<>();
    for (String group : groups) {
      Path file;
      try (Stream<Path> files = Files.walk(repo.resolve("exports"))) {
        file = files.filter(p -> p.getFileName().toString().startsWith(group + "_")).findFirst().orElseThrow();
      }
      ObjectNode doc = (ObjectNode) TfJson.read(Files.readAllBytes(file));
      ObjectNode members = (ObjectNode) doc.path("resource").path(MEMBER);
      List<String> names = new ArrayList<>(new TreeSet<>(iterable(members)));
      for (String name : names.subList(0, count)) {
        members.remove(name);
        dropped.add(MEMBER + "." + name);
      }
      Files.writeString(file, TfJson.write(doc));
    }
    try (Git git = Git.open(repo.toFile())) {
      git.add().addFilepattern("exports").setUpdate(true).call();
      git.commit().setMessage("members leave").setSign(false).call();
    }
    return dropped;
  }

  private static List<String> iterable(ObjectNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static int memberCount(WorkspaceClient w, String group) {
    for (Group g : w.groups().list(new ListGroupsRequest())) {
      if (g.getDisplayName().equals(group)) {
        Group full = w.groups().get(g.getId());
        return full.getMembers() == null ? 0 : full.getMembers().size();
      }
    }
    throw new AssertionError("no group " + group);
  }

  private static Set<String> memberEntries(Path stateDir) throws Exception {
    StateDocument state = StateDocument.parse(Files.readAllBytes(stateDir.resolve("databricks-sync.state.json")), "state");
    Set<String> out = new TreeSet<>();
    state.resources().keySet().stream().filter(a -> a.startsWith(MEMBER + ".")).forEach(out::add);
    return out;
  }

  @Test
  void membersLeavingAGroupGoWithOnePatchPerGroup() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSupport.Importing importing = imported(source, target, 3, 8);
      Path repo = tmp.resolve("repo");
      Path stateDir = tmp.resolve("state");

      Set<String> dropped = dropMembers(repo, 6, "team_0", "team_1");
      target.emulator().requests().reset();
      ImportResult r = importing.run(b -> b.apply(true).parallelism(8));
      assertTrue(r.success(), r.failures() + "\n" + importing.output());
      assertEquals(dropped, new TreeSet<>(r.applied().stream().filter(a -> a.action() == Action.DELETE)
          .map(a -> a.address()).toList()), "each removed membership reported");
      assertEquals(2, target.emulator().requests().route(GROUP_PATCH), "one PATCH per group, not one per member:\n"
          + importing.output());
      assertEquals(2, memberCount(target.client(), "team-0"));
      assertEquals(2, memberCount(target.client(), "team-1"));
      assertEquals(8, memberCount(target.client(), "team-2"));
      assertTrue(memberEntries(stateDir).stream().noneMatch(dropped::contains), "their state entries are gone");
      assertFalse(importing.run(true).plan().hasChanges());
    }
  }

  /**
   * The group was deleted in the target behind the import's back: its batch of removals is refused
   * (404), each member is then deleted on its own, and a membership already gone is success.
   */
  @Test
  void aRefusedBatchFallsBackToOneDeletePerMemberAndGoneIsSuccess() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSupport.Importing importing = imported(source, target, 2, 8);
      Path repo = tmp.resolve("repo");
      Path stateDir = tmp.resolve("state");

      Set<String> dropped = dropMembers(repo, 5, "team_0");
      ImportResult planned = importing.run(b -> b.apply(false));
      assertEquals(5, planned.plan().changes().stream().filter(c -> c.action() == Action.DELETE).count(), planned.planText());
      // between the plan and the apply the group goes: a --skip-refresh apply of the same revision still
      // plans the removals from the state alone
      WorkspaceClient t = target.client();
      for (Group g : t.groups().list(new ListGroupsRequest())) {
        if (g.getDisplayName().equals("team-0")) {
          t.groups().delete(g.getId());
        }
      }
      target.emulator().requests().reset();
      ImportResult r = importing.run(b -> b.apply(true).skipRefresh(true).parallelism(8));
      assertTrue(r.success(), r.failures() + "\n" + importing.output());
      assertTrue(importing.output().contains("the batch failed"), importing.output());
      assertEquals(1 + 5, target.emulator().requests().route(GROUP_PATCH), "the refused batch, then one per member");
      assertTrue(memberEntries(stateDir).stream().noneMatch(dropped::contains));
    }
  }

  /**
   * Many groups, random members leaving at parallelism 16: every removal lands once, the state keeps
   * exactly the memberships left, one PATCH per group that lost members.
   */
  @Test
  void randomRemovalsFromManyGroupsAtParallelism16AreExact() throws Exception {
    try (TestWorkspace source = TestWorkspace.start(); TestWorkspace target = TestWorkspace.start()) {
      E2eSupport.Importing importing = imported(source, target, 20, 6);
      Path repo = tmp.resolve("repo");
      Path stateDir = tmp.resolve("state");
      Set<String> before = memberEntries(stateDir);

      java.util.Random random = new java.util.Random(22);
      Set<String> dropped = new TreeSet<>();
      int groupsLosing = 0;
      for (int g = 0; g < 20; g++) {
        int n = random.nextInt(7); // 0..6 of its 6 members
        if (n > 0) {
          groupsLosing++;
          dropped.addAll(dropMembers(repo, n, "team_" + g));
        }
      }
      target.emulator().requests().reset();
      ImportResult r = importing.run(b -> b.apply(true).parallelism(16));
      assertTrue(r.success(), r.failures() + "\n" + importing.output());
      assertEquals(groupsLosing, target.emulator().requests().route(GROUP_PATCH), "one PATCH per group that lost members");
      Set<String> left = new TreeSet<>(before);
      left.removeAll(dropped);
      assertEquals(left, memberEntries(stateDir));
      for (int g = 0; g < 20; g++) {
        final String prefix = MEMBER + ".team_" + g + "_";
        long expected = left.stream().filter(a -> a.startsWith(prefix)).count();
        assertEquals(expected, memberCount(target.client(), "team-" + g), "team-" + g);
      }
      assertFalse(importing.run(true).plan().hasChanges());
    }
  }
}
