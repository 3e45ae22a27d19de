package io.dbsync.importer;

import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import io.dbsync.kind.KindRegistry;
import io.dbsync.kind.identity.GroupKind;
import io.dbsync.kind.identity.GroupMemberKind;
import io.dbsync.kind.workspace.NotebookKind;
import io.dbsync.plan.Action;
import io.dbsync.state.LocalStateStore;
import io.dbsync.testing.ExportsFixture;
import io.dbsync.testing.TestWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine with real identity kinds against the emulator: data sources (the built-in admins group
 * through GroupKind.adopt, the current user through SCIM Me), references to created ids, an artifact,
 * and a
 * second run that plans nothing and sends no write request.
 */
class ImporterEmulatorTest {
  @TempDir
  Path tmp;

  @Test
  void groupsMembershipsAndNotebookConvergeAndRerunSendsNoWrites() throws Exception {
    ExportsFixture f = new ExportsFixture(tmp.resolve("repo"));
    f.file("main.tf.json", "{'provider': {'databricks': {}}, 'data': {"
        + "'databricks_group': {'admins': {'display_name': 'admins'}},"
        + "'databricks_current_user': {'me': {}}}}");
    f.file("identity/eng.tf.json", "{'resource': {"
        + "'databricks_group': {'eng': {'display_name': 'eng'},"
        + "  'mine': {'display_name': '${data.databricks_current_user.me.alphanumeric}-team'}},"
        + "'databricks_group_member': {'admins_eng': {'group_id': '${data.databricks_group.admins.id}',"
        + "  'member_id': '${databricks_group.eng.id}'}}}}");
    f.file("notebook/etl_n.tf.json", "{'resource': {'databricks_notebook': {'etl_n': {'path': '/Shared/etl/n',"
        + " 'language': 'PYTHON', 'source': '${path.module}/notebook/data/Shared/etl/n.py'}}}}");
    f.file("notebook/data/Shared/etl/n.py", "# Databricks notebook source\nprint(1)\n");
    KindRegistry kinds = new KindRegistry(List.of(new GroupKind(), new GroupMemberKind(), new NotebookKind()));

    try (TestWorkspace ws = TestWorkspace.start()) {
      LocalStateStore store = LocalStateStore.inDirectory(tmp.resolve("artifacts"));
      ImportOptions.Builder options = ImportOptions.builder(f.exports, store, kinds, ws.client()).env(Map.of())
          .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).apply(true);

      ImportResult first = new Importer(options.build()).run();
      assertTrue(first.success(), first.failures().toString());
      assertEquals(4, first.plan().toAdd(), first.planText());

      List<Group> groups = new ArrayList<>();
      ws.client().groups().list(new ListGroupsRequest()).forEach(groups::add);
      Group eng = groups.stream().filter(g -> "eng".equals(g.getDisplayName())).findFirst().orElseThrow();
      Group admins = groups.stream().filter(g -> "admins".equals(g.getDisplayName())).findFirst().orElseThrow();
      String me = ws.client().currentUser().me(new com.databricks.sdk.service.iam.MeRequest()).getUserName().split("@")[0].replaceAll("[^A-Za-z0-9]", "_");
      assertTrue(groups.stream().anyMatch(g -> (me + "-team").equals(g.getDisplayName())), groups.toString());
      Group adminsNow = ws.client().groups().get(admins.getId());
      assertTrue(adminsNow.getMembers().stream().anyMatch(m -> eng.getId().equals(m.getValue())),
          "eng joined admins through the data source id and the created id");

      assertEquals("notebook", ws.client().workspace().getStatus("/Shared/etl/n").getObjectType().toString().toLowerCase());

      long writesBefore = ws.emulator().requests().writes();
      ImportResult second = new Importer(options.build()).run();
      assertFalse(second.plan().hasChanges(), second.planText());
      assertEquals(writesBefore, ws.emulator().requests().writes(), "an unchanged revision sends no writes");
      assertTrue(second.plan().changes().stream().allMatch(c -> c.action() == Action.NOOP));
    }
  }

  /**
   * A notebook whose artifact is a link to a file of the importing machine (reliability-review D6):
   * the import refuses it, naming the path, and uploads nothing.
   */
  @Test
  void anArtifactThatIsASymbolicLinkIsRefused() throws Exception {
    ExportsFixture f = new ExportsFixture(tmp.resolve("repo"));
    f.file("notebook/n.tf.json", "{'resource': {'databricks_notebook': {'n': {'path': '/Shared/n',"
        + " 'language': 'PYTHON', 'source': '${path.module}/notebook/data/Shared/n.py'}}}}");
    Path outside = Files.writeString(tmp.resolve("credentials"), "token = dapi-canary");
    Files.createDirectories(f.exports.resolve("notebook/data/Shared"));
    Files.createSymbolicLink(f.exports.resolve("notebook/data/Shared/n.py"), outside);
    try (TestWorkspace ws = TestWorkspace.start()) {
      ImportOptions options = ImportOptions.builder(f.exports, LocalStateStore.inDirectory(tmp.resolve("artifacts")),
              new KindRegistry(List.of(new NotebookKind())), ws.client()).env(Map.of())
          .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).apply(true).build();
      ImportException e = assertThrows(ImportException.class,
          () -> new Importer(options).run());
      assertTrue(e.getMessage().contains("notebook/data/Shared/n.py is a symbolic link"), e.getMessage());
      assertEquals(0, ws.emulator().requests().writes(), "nothing uploaded");
    }
  }
}
