package io.dbsync.kind.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.config.KindSettings;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobKindTest {
  private final JobKind kind = new JobKind();

  static String createJob(TestWorkspace ws, String json) throws Exception {
    return Rest.post(ws.client(), JobKind.BASE + "/create", TfJson.MAPPER.readTree(json)).get("job_id").asText();
  }

  /** A job using every task type, every settings block and references to a cluster, policy, pool and job. */
  static String richJob(String clusterId, String policyId, String poolId, String otherJobId) {
    return """
        {"name": "Nightly ETL", "description": "all task types", "timeout_seconds": 3600, "max_concurrent_runs": 2,
         "tags": {"team": "etl"}, "queue": {"enabled": true},
         "schedule": {"quartz_cron_expression": "0 0 2 * * ?", "timezone_id": "UTC", "pause_status": "UNPAUSED"},
         "email_notifications": {"on_failure": ["oncall@example.com"], "no_alert_for_skipped_runs": true},
         "webhook_notifications": {"on_failure": [{"id": "hook-1"}]},
         "notification_settings": {"no_alert_for_skipped_runs": true, "no_alert_for_canceled_runs": false},
         "health": {"rules": [{"metric": "RUN_DURATION_SECONDS", "op": "GREATER_THAN", "value": 7200}]},
         "git_source": {"git_url": "https://github.com/example/etl", "git_provider": "gitHub", "git_branch": "main"},
         "parameters": [{"name": "env", "default": "prod"}, {"name": "date", "default": "{{job.start_time.iso_date}}"}],
         "environments": [{"environment_key": "default", "spec": {"client": "1", "dependencies": ["pandas==2.2.0"]}}],
         "run_as": {"user_name": "etl@example.com"},
         "job_clusters": [{"job_cluster_key": "shared", "new_cluster": {"spark_version": "15.4.x-scala2.12",
             "num_workers": 2, "policy_id": "%2$s", "instance_pool_id": "%3$s", "spark_conf": {"a": "b"}}}],
         "tasks": [
           {"task_key": "ingest", "existing_cluster_id": "%1$s",
            "notebook_task": {"notebook_path": "/Shared/ingest", "source": "WORKSPACE", "base_parameters": {"x": "1"}},
            "libraries": [{"pypi": {"package": "requests"}}, {"jar": "/Volumes/a.jar"}],
            "timeout_seconds": 600, "max_retries": 2, "min_retry_interval_millis": 1000, "retry_on_timeout": true},
           {"task_key": "transform", "job_cluster_key": "shared", "depends_on": [{"task_key": "ingest"}],
            "spark_python_task": {"python_file": "etl/transform.py", "source": "GIT", "parameters": ["--full"]}},
           {"task_key": "wheel", "depends_on": [{"task_key": "transform"}, {"task_key": "ingest"}],
            "new_cluster": {"spark_version": "15.4.x-scala2.12", "num_workers": 1, "policy_id": "%2$s",
                            "instance_pool_id": "%3$s", "driver_instance_pool_id": "%3$s"},
            "python_wheel_task": {"package_name": "etl", "entry_point": "main", "named_parameters": {"k": "v"}}},
           {"task_key": "jar", "job_cluster_key": "shared",
            "spark_jar_task": {"main_class_name": "com.example.Main", "parameters": ["a"]}},
           {"task_key": "submit", "job_cluster_key": "shared", "spark_submit_task": {"parameters": ["--class", "X"]}},
           {"task_key": "sql", "sql_task": {"warehouse_id": "f562046bc1272886", "query": {"query_id": "q1"}}},
           {"task_key": "pipeline", "pipeline_task": {"pipeline_id": "p-1", "full_refresh": false}},
           {"task_key": "child", "run_job_task": {"job_id": %4$s, "job_parameters": {"env": "prod"}}},
           {"task_key": "dbt", "environment_key": "default",
            "dbt_task": {"commands": ["dbt deps", "dbt run"], "project_directory": "dbt", "warehouse_id": "f562046bc1272886"}},
           {"task_key": "check", "condition_task": {"left": "{{job.parameters.env}}", "op": "EQUAL_TO", "right": "prod"}},
           {"task_key": "loop", "depends_on": [{"task_key": "check", "outcome": "true"}],
            "for_each_task": {"inputs": "[1,2,3]", "concurrency": 2,
              "task": {"task_key": "loop_body", "existing_cluster_id": "%1$s",
                       "notebook_task": {"notebook_path": "/Shared/body"}}}}
         ]}
        """.formatted(clusterId, policyId, poolId, otherJobId);
  }

  @Test
  void multiTaskJobWithReferencesRoundTrips(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      Fixture s = Fixture.seed(src);
      // a fixed job id (emulator seed) keeps the golden file's resource name stable
      String jobId = "1001";
      ObjectNode seeded = (ObjectNode) TfJson.MAPPER.readTree(richJob(s.cluster, s.policy, s.pool, s.otherJob));
      seeded.put("job_id", 1001L);
      ObjectNode seed = TfJson.object();
      seed.putArray("jobs").add(seeded);
      src.emulator().seed(seed);

      TestExportContext ectx = new TestExportContext(src.client(), KindSettings.empty("job"), dir);
      ectx.index.put("databricks_cluster/" + s.cluster, "etl_cluster");
      ectx.index.put("databricks_cluster_policy/" + s.policy, "team_etl");
      ectx.index.put("databricks_instance_pool/" + s.pool, "etl_pool");
      ectx.index.put("databricks_job/" + s.otherJob, "child_job");
      SourceObject obj = kind.list(ectx).stream().filter(o -> o.id().equals(jobId)).findFirst().orElseThrow();
      assertEquals(JobKind.resourceName("Nightly ETL", jobId), obj.name());
      assertTrue(obj.details() != null, "list with expand_tasks returned the whole job");
      List<ExportedResource> exported = KindHarness.export(kind, ectx, obj);
      ObjectNode attrs = exported.get(0).attrs();
      ArrayNode tasks = (ArrayNode) attrs.get("task");
      assertEquals(List.of("check", "child", "dbt", "ingest", "jar", "loop", "pipeline", "sql", "submit", "transform", "wheel"),
          java.util.stream.StreamSupport.stream(tasks.spliterator(), false).map(t -> t.get("task_key").asText()).toList());
      JsonNode ingest = task(attrs, "ingest");
      assertEquals("${databricks_cluster.etl_cluster.id}", ingest.get("existing_cluster_id").asText());
      assertEquals(2, ingest.get("library").size());
      JsonNode wheel = task(attrs, "wheel");
      assertEquals("${databricks_cluster_policy.team_etl.id}", wheel.at("/new_cluster/policy_id").asText());
      assertEquals("${databricks_instance_pool.etl_pool.id}", wheel.at("/new_cluster/instance_pool_id").asText());
      assertEquals("ingest", wheel.at("/depends_on/0/task_key").asText(), "depends_on sorted");
      assertEquals("${databricks_job.child_job.id}", task(attrs, "child").at("/run_job_task/job_id").asText());
      assertEquals("${databricks_cluster.etl_cluster.id}",
          task(attrs, "loop").at("/for_each_task/task/existing_cluster_id").asText());
      assertEquals("${databricks_cluster_policy.team_etl.id}", attrs.at("/job_cluster/0/new_cluster/policy_id").asText());
      assertEquals("https://github.com/example/etl", attrs.at("/git_source/url").asText());
      assertEquals("gitHub", attrs.at("/git_source/provider").asText());
      assertEquals("main", attrs.at("/git_source/branch").asText());
      assertEquals("env", attrs.at("/parameter/0/name").asText());
      assertEquals("default", attrs.at("/environment/0/environment_key").asText());
      assertFalse(attrs.has("format") || attrs.has("tasks") || attrs.has("job_clusters") || attrs.has("parameters"));
      Golden.assertMatches("job", "nightly_etl.tf.json", ClusterPolicyKindTest.ownOnly(exported));

      Fixture t = Fixture.seed(dst);
      KindHarness.Apply actx = KindHarness.applying(dst.client()).passive(false);
      Resolver resolver = new Resolver(ectx, actx).id("databricks_cluster.etl_cluster", t.cluster)
          .id("databricks_cluster_policy.team_etl", t.policy).id("databricks_instance_pool.etl_pool", t.pool)
          .id("databricks_job.child_job", t.otherJob);
      ObjectNode desired = resolver.resolve(attrs);
      String newId = kind.create(actx, desired);
      assertEquals(desired, kind.refresh(actx, newId).orElseThrow());
      JsonNode created = KindHarness.read(kind, dst.client(), newId);
      assertEquals(Long.parseLong(t.otherJob), created.at("/settings/tasks").findValue("run_job_task").get("job_id").asLong());

      ObjectNode changed = desired.deepCopy();
      changed.put("name", "Nightly ETL v2");
      changed.withObjectProperty("schedule").put("quartz_cron_expression", "0 0 3 * * ?");
      ((ArrayNode) changed.get("task")).remove(7);
      kind.update(actx, newId, changed, desired);
      assertEquals(changed, kind.refresh(actx, newId).orElseThrow());

      kind.delete(actx, newId, changed);
      assertNull(KindHarness.read(kind, dst.client(), newId));
      kind.delete(actx, newId, changed);
    }
  }

  /**
   * Tasks name the objects they run (queries, alerts, dashboards, pipelines, jobs, their warehouse
   * and notification destinations): each becomes a reference by its Terraform type.
   */
  @Test
  void tasksReferToTheObjectsTheyRun(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      String child = createJob(src, "{\"name\": \"child\"}");
      String id = createJob(src, """
          {"name": "reports", "webhook_notifications": {"on_start": [{"id": "dest-1"}], "on_failure": [{"id": "dest-2"}]},
           "tasks": [
             {"task_key": "query", "sql_task": {"warehouse_id": "wh-1", "query": {"query_id": "q-1"}}},
             {"task_key": "alert", "sql_task": {"warehouse_id": "wh-1", "alert": {"alert_id": "a-1",
                 "subscriptions": [{"destination_id": "dest-1"}, {"user_name": "ana@example.com"}]}}},
             {"task_key": "legacy", "sql_task": {"warehouse_id": "wh-1", "dashboard": {"dashboard_id": "legacy-1",
                 "subscriptions": [{"destination_id": "dest-2"}]}}},
             {"task_key": "snapshot", "dashboard_task": {"dashboard_id": "d-1", "warehouse_id": "wh-1",
                 "subscription": {"subscribers": [{"destination_id": "dest-2"}]}},
              "webhook_notifications": {"on_success": [{"id": "dest-1"}]}},
             {"task_key": "pipeline", "pipeline_task": {"pipeline_id": "p-1", "full_refresh": true}},
             {"task_key": "child", "run_job_task": {"job_id": %s}},
             {"task_key": "loop", "for_each_task": {"inputs": "[1]",
                 "task": {"task_key": "body", "sql_task": {"warehouse_id": "wh-1", "query": {"query_id": "q-1"}}}}}]}"""
          .formatted(child));
      TestExportContext ectx = new TestExportContext(src.client(), KindSettings.empty("job"), dir);
      Map<String, String> names = Map.of("databricks_sql_endpoint/wh-1", "bi", "databricks_query/q-1", "daily",
          "databricks_alert/a-1", "low", "databricks_dashboard/d-1", "sales", "databricks_pipeline/p-1", "ingest",
          "databricks_job/" + child, "child", "databricks_notification_destination/dest-1", "slack",
          "databricks_notification_destination/dest-2", "pager");
      ectx.index.putAll(names);
      SourceObject obj = kind.list(ectx).stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
      ObjectNode attrs = KindHarness.export(kind, ectx, obj).get(0).attrs();
      Golden.assertMatches("job", "reports.tf.json", List.of(new ExportedResource("databricks_job", "reports", attrs)));
      assertEquals("${databricks_sql_endpoint.bi.id}", task(attrs, "query").at("/sql_task/warehouse_id").asText());
      assertEquals("${databricks_query.daily.id}", task(attrs, "query").at("/sql_task/query/query_id").asText());
      assertEquals("${databricks_alert.low.id}", task(attrs, "alert").at("/sql_task/alert/alert_id").asText());
      assertEquals("${databricks_notification_destination.slack.id}",
          task(attrs, "alert").at("/sql_task/alert/subscriptions/0/destination_id").asText());
      assertEquals("legacy-1", task(attrs, "legacy").at("/sql_task/dashboard/dashboard_id").asText(),
          "a legacy DBSQL dashboard is not exported: its id stays");
      assertEquals("${databricks_dashboard.sales.id}", task(attrs, "snapshot").at("/dashboard_task/dashboard_id").asText());
      assertEquals("${databricks_notification_destination.pager.id}",
          task(attrs, "snapshot").at("/dashboard_task/subscription/subscribers/0/destination_id").asText());
      assertEquals("${databricks_notification_destination.slack.id}",
          task(attrs, "snapshot").at("/webhook_notifications/on_success/0/id").asText());
      assertEquals("${databricks_pipeline.ingest.id}", task(attrs, "pipeline").at("/pipeline_task/pipeline_id").asText());
      assertEquals("${databricks_job.child.id}", task(attrs, "child").at("/run_job_task/job_id").asText());
      assertEquals("${databricks_query.daily.id}", task(attrs, "loop").at("/for_each_task/task/sql_task/query/query_id").asText());
      assertEquals("${databricks_notification_destination.pager.id}", attrs.at("/webhook_notifications/on_failure/0/id").asText());

      KindHarness.Apply actx = KindHarness.applying(dst.client());
      String dstChild = createJob(dst, "{\"name\": \"child\"}");
      Resolver resolver = new Resolver(ectx, actx);
      names.forEach((key, name) -> resolver.id(key.substring(0, key.indexOf('/')) + "." + name,
          key.equals("databricks_job/" + child) ? dstChild : "target-" + key.substring(key.indexOf('/') + 1)));
      ObjectNode desired = resolver.resolve(attrs);
      String created = kind.create(actx, desired);
      assertEquals(desired, kind.refresh(actx, created).orElseThrow(), "target ids in, the same target ids back");
      assertEquals("target-wh-1", task(desired, "query").at("/sql_task/warehouse_id").asText());
    }
  }

  private static JsonNode task(ObjectNode attrs, String key) {
    for (JsonNode t : attrs.get("task")) {
      if (key.equals(t.path("task_key").asText())) {
        return t;
      }
    }
    throw new AssertionError("no task " + key);
  }

  @Test
  void jobWithMoreThan100TasksIsReadAcrossPages(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start(); TestWorkspace dst = TestWorkspace.start()) {
      ObjectNode body = TfJson.object().put("name", "wide");
      ArrayNode clusters = body.putArray("job_clusters");
      for (int i = 0; i < 120; i++) {
        ObjectNode jc = clusters.addObject().put("job_cluster_key", "c" + i);
        jc.putObject("new_cluster").put("spark_version", "15.4.x-scala2.12").put("num_workers", 1);
      }
      ArrayNode tasks = body.putArray("tasks");
      for (int i = 0; i < 250; i++) {
        ObjectNode t = tasks.addObject().put("task_key", String.format("t%03d", i)).put("job_cluster_key", "c" + (i % 120));
        t.putObject("notebook_task").put("notebook_path", "/Shared/n" + i);
        if (i > 0) {
          t.putArray("depends_on").addObject().put("task_key", String.format("t%03d", i - 1));
        }
      }
      String id = Rest.post(src.client(), JobKind.BASE + "/create", body).get("job_id").asText();
      TestExportContext ectx = new TestExportContext(src.client(), KindSettings.empty("job"), dir);
      SourceObject obj = kind.list(ectx).get(0);
      assertEquals(id, obj.id());
      assertNull(obj.details(), "a truncated listing is not used as details");
      ObjectNode attrs = KindHarness.export(kind, ectx, obj).get(0).attrs();
      assertEquals(250, attrs.get("task").size());
      assertEquals(120, attrs.get("job_cluster").size());
      assertTrue(src.emulator().requests().route("GET /api/2.0|2.1|2.2/jobs/get") >= 3, "tasks paged by 100");

      KindHarness.Apply actx = KindHarness.applying(dst.client()).passive(false);
      ObjectNode desired = new Resolver(ectx, actx).resolve(attrs);
      String newId = kind.create(actx, desired);
      assertEquals(desired, kind.refresh(actx, newId).orElseThrow());
    }
  }

  @Test
  void convertOptionsTurnIdsIntoVariables(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      Fixture s = Fixture.seed(src);
      String jobId = createJob(src, richJob(s.cluster, s.policy, s.pool, s.otherJob));
      KindSettings settings = new KindSettings("job", TfJson.MAPPER.valueToTree(Map.of(
          "convert_existing_cluster_to_var", true, "convert_new_cluster_instance_pool_to_var", true,
          "convert_new_cluster_cluster_policy_to_var", true)));
      TestExportContext ectx = new TestExportContext(src.client(), settings, dir);
      ectx.index.put("databricks_cluster/" + s.cluster, "etl_cluster");
      SourceObject obj = kind.list(ectx).stream().filter(o -> o.id().equals(jobId)).findFirst().orElseThrow();
      ObjectNode attrs = KindHarness.export(kind, ectx, obj).get(0).attrs();
      String clusterVar = "databricks_job_existing_cluster_" + s.cluster.replace('-', '_');
      assertEquals("${var." + clusterVar + "}", task(attrs, "ingest").get("existing_cluster_id").asText());
      assertEquals(s.cluster, ectx.variables.get(clusterVar));
      String policyVar = "databricks_cluster_policy_" + s.policy.toLowerCase();
      String poolVar = "databricks_instance_pool_" + s.pool.toLowerCase().replaceAll("[^a-z0-9_]", "_");
      assertEquals("${var." + policyVar + "}", task(attrs, "wheel").at("/new_cluster/policy_id").asText());
      assertEquals("${var." + poolVar + "}", task(attrs, "wheel").at("/new_cluster/instance_pool_id").asText());
      assertEquals("${var." + poolVar + "}", attrs.at("/job_cluster/0/new_cluster/instance_pool_id").asText());
      assertEquals(s.policy, ectx.variables.get(policyVar));
      assertEquals(s.pool, ectx.variables.get(poolVar));
    }
  }

  @Test
  void passiveModePausesAndStaysIdempotent(@TempDir Path dir) throws Exception {
    try (TestWorkspace dst = TestWorkspace.start()) {
      ObjectNode desired = (ObjectNode) TfJson.MAPPER.readTree("""
          {"name": "scheduled", "max_concurrent_runs": 1, "email_notifications": {},
           "schedule": {"quartz_cron_expression": "0 0 2 * * ?", "timezone_id": "UTC", "pause_status": "UNPAUSED"},
           "task": [{"task_key": "a", "notebook_task": {"notebook_path": "/Shared/a"}}]}
          """);
      KindHarness.Apply active = KindHarness.applying(dst.client()).passive(false);
      String reference = kind.create(active, desired);
      desired = kind.refresh(active, reference).orElseThrow();
      kind.delete(active, reference, desired);
      KindHarness.Apply passive = KindHarness.applying(dst.client()).passive(true);
      String id = kind.create(passive, desired);
      assertEquals("PAUSED", KindHarness.read(kind, dst.client(), id).at("/settings/schedule/pause_status").asText());
      assertEquals(desired, kind.refresh(passive, id).orElseThrow(), "passive refresh: no diff, no update");
      kind.update(passive, id, desired, desired);
      assertEquals("PAUSED", KindHarness.read(kind, dst.client(), id).at("/settings/schedule/pause_status").asText());

      ObjectNode seenByFailover = kind.refresh(active, id).orElseThrow();
      assertEquals("PAUSED", seenByFailover.at("/schedule/pause_status").asText(), "failover sees the real pause");
      assertFalse(seenByFailover.has("tags"), "the marker tag is never part of the attributes");
      kind.update(active, id, desired, seenByFailover);
      assertEquals("UNPAUSED", KindHarness.read(kind, dst.client(), id).at("/settings/schedule/pause_status").asText());
      assertEquals(desired, kind.refresh(active, id).orElseThrow());
    }
  }

  @Test
  void jobPermissionsKeepTheOwner(@TempDir Path dir) throws Exception {
    try (TestWorkspace src = TestWorkspace.start()) {
      String jobId = createJob(src, "{\"name\": \"owned\", \"tasks\": [{\"task_key\": \"a\", \"notebook_task\": {\"notebook_path\": \"/a\"}}]}");
      ObjectNode acl = TfJson.object();
      acl.putArray("access_control_list").addObject().put("group_name", "users").put("permission_level", "CAN_VIEW");
      Rest.patch(src.client(), "/api/2.0/permissions/jobs/" + jobId, acl);
      TestExportContext ectx = new TestExportContext(src.client(), KindSettings.empty("job"), dir);
      SourceObject obj = kind.list(ectx).get(0);
      List<ExportedResource> exported = KindHarness.export(kind, ectx, obj);
      assertEquals(2, exported.size());
      ExportedResource perms = exported.get(1);
      assertEquals("databricks_permissions", perms.type());
      assertEquals("job_" + obj.name(), perms.name());
      String text = perms.attrs().toString();
      assertTrue(text.contains("IS_OWNER"), text);
      assertTrue(text.contains("CAN_VIEW"), text);
    }
  }

  /** A cluster, policy, pool and a child job in one workspace. */
  record Fixture(String cluster, String policy, String pool, String otherJob) {
    static Fixture seed(TestWorkspace ws) throws Exception {
      String policy = ClusterPolicyKindTest.createPolicy(ws, ClusterPolicyKindTest.customPolicyBody());
      String pool = InstancePoolKindTest.createPool(ws, "etl-pool");
      String cluster = ClusterKindTest.createCluster(ws,
          "{\"cluster_name\": \"etl\", \"spark_version\": \"15.4.x-scala2.12\", \"num_workers\": 1}");
      String child = createJob(ws, "{\"name\": \"child\", \"tasks\": [{\"task_key\": \"c\", \"notebook_task\": {\"notebook_path\": \"/c\"}}]}");
      return new Fixture(cluster, policy, pool, child);
    }
  }
}
