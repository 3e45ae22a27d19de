package io.dbsync.assess;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;
import io.dbsync.config.ExportConfig;
import io.dbsync.demo.SampleWorkspace;
import io.dbsync.emulator.Cloud;
import io.dbsync.emulator.EmulatorOptions;
import io.dbsync.emulator.Json;
import io.dbsync.export.ExportOptions;
import io.dbsync.export.ExportRun;
import io.dbsync.git.GitTarget;
import io.dbsync.mapping.Mapping;
import io.dbsync.mapping.Need;
import io.dbsync.mapping.Translation;
import io.dbsync.report.ExportReport;
import io.dbsync.report.KindResult;
import io.dbsync.testing.TestWorkspace;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * assess over an AWS source (the sample workspace, a job's cluster, a principal the target lacks) and
 * an Azure target that already has one of its secret scopes: every section says what the export and
 * import would meet, the counts equal a real export's, and neither workspace received a write.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssessorTest {
  /** POSTs that only read: the mount listing's command on a running cluster (and its context). */
  static final Set<String> READING_POSTS = Set.of("POST /api/1.2/contexts/create", "POST /api/1.2/commands/execute",
      "POST /api/1.2/contexts/destroy");
  static final String CONFIG = """
      name: assess-test
      objects:
        notebook:
          notebook_path: "/Shared"
        cluster_policy: {}
        dbfs_file:
          dbfs_path: "dbfs:/FileStore"
        instance_pool: {}
        instance_profile: {}
        secret: {}
        cluster: {}
        job: {}
        global_init_script: {}
        mount: {}
      """;

  static final String ETL_READER = "arn:aws:iam::123456789012:instance-profile/etl-reader";

  private TestWorkspace source;
  private TestWorkspace target;
  private Assessment assessment;
  /** The requests each workspace received during the assessment (the log goes on counting afterwards). */
  private JsonNode sourceRequests;
  private JsonNode targetRequests;

  @BeforeAll
  void assess() throws Exception {
    source = TestWorkspace.start();
    EmulatorOptions azure = new EmulatorOptions();
    azure.cloud = Cloud.AZURE;
    target = TestWorkspace.start(azure);
    new SampleWorkspace(source.client()).populate();
    source.emulator().seed(Json.parse("""
        {"clusters": [{"cluster_id": "0101-000000-jobrun01", "cluster_name": "job-42-run-7", "spark_version": "15.4.x-scala2.12",
          "node_type_id": "i3.xlarge", "num_workers": 1, "cluster_source": "JOB", "state": "TERMINATED"}],
         "scim": {"users": [{"userName": "contractor@example.com"}]}}"""));
    String cluster = clusterId("etl shared");
    Rest.patch(source.client(), "/api/2.0/permissions/clusters/" + cluster, Json.parse("""
        {"access_control_list": [{"user_name": "contractor@example.com", "permission_level": "CAN_ATTACH_TO"},
                                 {"user_name": "admin@example.com", "permission_level": "CAN_MANAGE"}]}"""));
    Rest.post(target.client(), "/api/2.0/secrets/scopes/create", TfJson.object().put("scope", "etl"));
    source.emulator().requests().reset();
    target.emulator().requests().reset();
    assessment = Assessor.run(AssessOptions.of(source.client(), target.client(), ExportConfig.parse(CONFIG)));
    sourceRequests = source.emulator().requests().toJson();
    targetRequests = target.emulator().requests().toJson();
  }

  @AfterAll
  void stop() {
    source.close();
    target.close();
  }

  private String clusterId(String name) throws Exception {
    for (JsonNode c : Rest.get(source.client(), "/api/2.1/clusters/list").path("clusters")) {
      if (name.equals(c.path("cluster_name").asText())) {
        return c.path("cluster_id").asText();
      }
    }
    throw new AssertionError(name);
  }

  /** Every request that was not a GET, by route; must be only reads that POST. */
  static List<String> writes(JsonNode requestLog) {
    List<String> out = new ArrayList<>();
    requestLog.path("by_route").properties().forEach(e -> {
      if (!e.getKey().startsWith("GET ") && !READING_POSTS.contains(e.getKey())) {
        out.add(e.getKey() + " x" + e.getValue().asLong());
      }
    });
    return out;
  }

  @Test
  void nothingIsWrittenToEitherWorkspace() {
    assertEquals(List.of(), writes(sourceRequests), "assess sends the source no write");
    assertEquals(List.of(), writes(targetRequests), "assess sends the target no write");
    assertEquals(1, sourceRequests.path("by_route").path("POST /api/1.2/commands/execute").asLong(), "the mount listing ran");
    assertTrue(targetRequests.path("total").asLong() > 0, "the target was read");
  }

  @Test
  void countsPerKindAreThoseOfARealExport(@TempDir Path repo) throws Exception {
    ExportReport real = ExportRun.run(ExportOptions.builder(source.client(), ExportConfig.parse(CONFIG),
        GitTarget.parse(repo.toString())).branch("main").build());
    Map<String, String> expected = new TreeMap<>();
    real.kinds().forEach(k -> expected.put(k.type(), k.listed() + "/" + k.exported() + "/" + k.failed()));
    Map<String, String> assessed = new TreeMap<>();
    assessment.kinds().forEach(k -> assessed.put(k.type(), k.listed() + "/" + k.exported() + "/" + k.failed()));
    assertEquals(expected, assessed);
    assertTrue(assessment.kinds().stream().mapToInt(KindResult::exported).sum() >= 9, assessment.kinds().toString());
    assertTrue(assessment.resources().get("databricks_permissions") > 0, assessment.resources().toString());
  }

  @Test
  void jobClustersAreSkippedByDesign() {
    Assessment.Skip jobs = assessment.skipped().stream().filter(s -> s.type().equals("databricks_cluster")).findFirst().orElseThrow();
    assertEquals(1, jobs.count());
    assertEquals(List.of("job-42-run-7"), jobs.examples());
    assertTrue(jobs.reason().startsWith("job cluster"), jobs.reason());
  }

  @Test
  void principalsTheTargetLacksAreNamed() {
    Map<String, Assessment.Presence> presence = new TreeMap<>();
    assessment.principals().forEach(p -> presence.put(p.principal(), p.inTarget()));
    assertEquals(Assessment.Presence.MISSING, presence.get("contractor@example.com"), presence.toString());
    assertEquals(Assessment.Presence.MISSING, presence.get("data-engineers"), presence.toString());
    assertEquals(Assessment.Presence.PRESENT, presence.get("admin@example.com"), presence.toString());
    Assessment.PrincipalNeed contractor = assessment.principals().stream()
        .filter(p -> p.principal().equals("contractor@example.com")).findFirst().orElseThrow();
    assertEquals("user", contractor.kind());
    assertTrue(contractor.usedBy().get(0).startsWith("databricks_permissions."), contractor.usedBy().toString());
  }

  /** The import's translation, AWS -> Azure: what the bundled table and defaults do, what needs an entry. */
  @Test
  void whatNeedsAMappingEntryIsListedWithTheEntryToAdd() {
    Translation t = assessment.mapping().translation();
    assertEquals(io.dbsync.tf.Cloud.AWS, t.sourceCloud());
    assertEquals(io.dbsync.tf.Cloud.AZURE, t.targetCloud());
    assertNull(assessment.mapping().file());
    Map<String, String> entries = new TreeMap<>();
    t.needs().forEach(n -> entries.put(n.what(), n.entry()));
    assertEquals("instance_profiles: {\"" + ETL_READER + "\": null}   # or {uc_credential: <credential name>}",
        entries.get("instance profile " + ETL_READER + " has no entry: azure has no instance profiles"), entries.toString());
    assertTrue(t.applied().stream().anyMatch(a -> a.startsWith("node type ") && a.endsWith("(bundled table)")), t.applied().toString());
  }

  /** With a mapping file that covers every need, nothing is left to add; a node type the target lacks still is. */
  @Test
  void aMappingFileSettlesTheNeeds() throws Exception {
    Mapping covering = Mapping.parse("instance_profiles: {\"*\": null}\n", "covering.yaml");
    Assessment mapped = Assessor.run(new AssessOptions(source.client(), target.client(), ExportConfig.parse(CONFIG),
        null, 0, null, covering, Map.of()));
    assertEquals(List.of(), mapped.mapping().translation().needs());
    assertEquals("covering.yaml", mapped.mapping().file());
    assertTrue(mapped.mapping().translation().dropped().stream().anyMatch(d -> d.contains(ETL_READER)),
        mapped.mapping().translation().dropped().toString());

    Mapping unoffered = Mapping.parse("instance_profiles: {\"*\": null}\nnode_types: {\"i3.xlarge\": \"Standard_Nope\"}\n", null);
    Assessment wrong = Assessor.run(new AssessOptions(source.client(), target.client(), ExportConfig.parse(CONFIG),
        null, 0, null, unoffered, Map.of()));
    Need need = wrong.mapping().translation().needs().get(0);
    assertEquals("node type i3.xlarge (as Standard_Nope) is not offered by the target workspace", need.what());
    assertEquals("node_types: {\"i3.xlarge\": \"<azure node type>\"}", need.entry());
  }

  @Test
  void secretsWithoutValuesAndObjectsTheTargetHas() {
    Assessment.Secrets s = assessment.secrets();
    assertTrue(s.secrets() >= 1 && s.scopes() >= 1, s.toString());
    assertTrue(s.readableBy().startsWith("secrets/get"), s.readableBy());
    Assessment.Adoption scopes = assessment.adopted().stream().filter(a -> a.directory().equals("secret_scope"))
        .findFirst().orElseThrow(() -> new AssertionError(assessment.adopted().toString()));
    assertEquals(List.of("etl"), scopes.examples());
  }

  @Test
  void estimatesCountTheExportsCallsAndTimeThemAtThePublishedLimits() {
    Assessment.Estimate export = assessment.export();
    assertTrue(export.calls().getOrDefault("secrets:read", 0L) >= 3, export.calls().toString());
    assertTrue(export.calls().getOrDefault("workspace:read", 0L) >= 2, export.calls().toString());
    // secrets at 1100/min: the slowest published bucket for this workspace
    assertEquals(export.calls().get("secrets:read") / (1100 / 60.0), export.secondsByKey().get("secrets"), 1e-9);
    assertTrue(export.rateBoundSeconds() >= export.secondsByKey().get("secrets"));
    Assessment.Estimate imp = assessment.importing();
    assertEquals((long) assessment.resources().get("databricks_permissions"), imp.calls().get("permissions:write"));
    assertEquals(imp.calls().get("permissions:write") / 30.0, imp.secondsByKey().get("permissions:write"), 1e-9);
    assertFalse(imp.notes().isEmpty());
  }

  @Test
  void reportsCarryEverySection() {
    JsonNode json = AssessReports.json(assessment);
    for (String field : List.of("kinds", "resources", "skipped", "principals", "mapping", "secrets_without_values",
        "adopted", "estimates", "warnings", "failures", "notes")) {
      assertTrue(json.has(field), field);
    }
    assertEquals("aws", json.at("/mapping/source_cloud").asText());
    assertEquals("azure", json.at("/mapping/target_cloud").asText());
    List<String> entries = new ArrayList<>();
    json.at("/mapping/needs").forEach(n -> entries.add(n.path("entry").asText()));
    assertTrue(entries.stream().anyMatch(e -> e.startsWith("instance_profiles: {\"" + ETL_READER + "\": null}")), entries.toString());
    assertTrue(json.at("/mapping/needs/0/where/0").asText().startsWith("databricks_"), json.at("/mapping").toString());
    String html = AssessReports.html(assessment);
    assertFalse(html.contains("<script"), "no script");
    assertFalse(html.contains("<link") || html.contains(" src=") || html.contains(" href="), "no external asset");
    assertTrue(html.contains("data-principal=\"contractor@example.com\""));
  }
}
