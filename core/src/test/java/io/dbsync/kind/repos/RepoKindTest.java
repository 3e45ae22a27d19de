package io.dbsync.kind.repos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.SourceObject;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.dbsync.kind.workspace.KindTestSupport.assertGolden;
import static io.dbsync.kind.workspace.KindTestSupport.document;
import static io.dbsync.kind.workspace.KindTestSupport.exportContext;
import static io.dbsync.kind.workspace.KindTestSupport.grant;
import static io.dbsync.kind.workspace.KindTestSupport.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepoKindTest {
  private final RepoKind kind = new RepoKind();

  static String repo(TestWorkspace ws, String url, String path) throws Exception {
    ObjectNode body = TfJson.object().put("url", url).put("provider", "github").put("path", path);
    return Rest.post(ws.client(), RepoKind.BASE, body).get("id").asText();
  }

  private static JsonNode get(TestWorkspace ws, String id) throws Exception {
    return Rest.get(ws.client(), RepoKind.BASE + "/" + id);
  }

  @Test
  void gitFoldersAnywhereAreListedAndExportedAsWhatToClone(@TempDir Path tmp) throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      group(src.client(), "devs");
      String etl = repo(src, "https://github.com/example/etl.git", "/Repos/team/etl");
      Rest.patch(src.client(), RepoKind.BASE + "/" + etl, TfJson.object().put("branch", "release"));
      grant(src.client(), "repos", etl, "group_name:devs", "CAN_EDIT");
      Rest.post(src.client(), "/api/2.0/workspace/mkdirs", TfJson.object().put("path", "/Users/admin@example.com/git"));
      repo(src, "https://github.com/example/tools.git", "/Users/admin@example.com/git/tools");
      Rest.post(src.client(), "/api/2.0/workspace/mkdirs", TfJson.object().put("path", "/Projects"));
      ObjectNode sparse = TfJson.object().put("url", "https://gitlab.com/example/mono.git").put("provider", "gitLab")
          .put("path", "/Projects/mono");
      sparse.putObject("sparse_checkout").putArray("patterns").add("src").add("docs");
      Rest.post(src.client(), RepoKind.BASE, sparse);

      TestExportContext ctx = exportContext(src.client(), "repo", null, tmp);
      ctx.index.put("databricks_repo/" + etl, "repos_team_etl");
      List<SourceObject> listed = kind.list(ctx);
      assertEquals(List.of("/Projects/mono", "/Repos/team/etl", "/Users/admin@example.com/git/tools"),
          listed.stream().map(o -> o.details().path("path").asText()).toList(), "Git folders in every top-level folder");
      SourceObject etlObj = listed.stream().filter(o -> o.id().equals(etl)).findFirst().orElseThrow();
      List<ExportedResource> exported = KindHarness.export(kind, ctx, etlObj);
      assertGolden("repo/repos_team_etl.tf.json", document(exported));
      assertFalse(exported.get(0).attrs().has("head_commit_id") || exported.get(0).attrs().has("id"));
      ObjectNode mono = KindHarness.export(kind, ctx, listed.get(0)).get(0).attrs();
      assertEquals("[\"src\",\"docs\"]", mono.at("/sparse_checkout/patterns").toString());

      TestExportContext only = exportContext(src.client(), "repo",
          "{\"patterns\": [\"/Repos/*\", \"/Projects/*\"], \"exclude_path\": [\"/Projects/**\"]}", tmp);
      assertEquals(List.of(etl), kind.list(only).stream().map(SourceObject::id).toList(), "patterns and exclude_path on the path");
    }
  }

  @Test
  void importClonesAtTheBranchAdoptsByPathAndChecksOutInPlace() throws Exception {
    try (TestWorkspace dst = TestWorkspace.start()) {
      KindHarness.Apply apply = KindHarness.applying(dst.client());
      ObjectNode desired = TfJson.object().put("url", "https://github.com/example/etl.git").put("git_provider", "gitHub")
          .put("path", "/Users/admin@example.com/work/etl").put("branch", "release");
      assertTrue(kind.adopt(apply, desired).isEmpty());
      String id = kind.create(apply, desired);
      assertEquals(desired, kind.refresh(apply, id).orElseThrow(), "cloned into a new folder, on the branch");
      assertEquals(Optional.of(id), kind.adopt(apply, desired), "the path identifies a Git folder");

      ObjectNode main = desired.deepCopy().put("branch", "main");
      kind.update(apply, id, main, desired);
      assertEquals("main", get(dst, id).path("branch").asText());
      ObjectNode tagged = main.deepCopy();
      tagged.remove("branch");
      tagged.put("tag", "v1.0");
      kind.update(apply, id, tagged, main);
      assertFalse(get(dst, id).has("branch"), "a tag checks out a detached HEAD");

      assertTrue(kind.forceNew().containsAll(List.of("url", "git_provider", "path")), "a re-clone, as in the provider");
      kind.delete(apply, id, tagged);
      assertNull(KindHarness.read(kind, dst.client(), id));
      kind.delete(apply, id, tagged);
      assertTrue(kind.adopt(apply, desired).isEmpty());
    }
  }
}
