package io.dbsync.emulator.jobs;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.compute.ClusterSpec;
import com.databricks.sdk.service.jobs.BaseJob;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.CronSchedule;
import com.databricks.sdk.service.jobs.Format;
import com.databricks.sdk.service.jobs.GetJobRequest;
import com.databricks.sdk.service.jobs.Job;
import com.databricks.sdk.service.jobs.JobCluster;
import com.databricks.sdk.service.jobs.JobEmailNotifications;
import com.databricks.sdk.service.jobs.JobSettings;
import com.databricks.sdk.service.jobs.ListJobsRequest;
import com.databricks.sdk.service.jobs.NotebookTask;
import com.databricks.sdk.service.jobs.PauseStatus;
import com.databricks.sdk.service.jobs.ResetJob;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.TaskDependency;
import com.databricks.sdk.service.jobs.UpdateJob;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.EmulatorSdkTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobsApiTest extends EmulatorSdkTest {

  private static Task notebook(String key, String... dependsOn) {
    Task t = new Task().setTaskKey(key).setNotebookTask(new NotebookTask().setNotebookPath("/Shared/" + key))
        .setJobClusterKey("main");
    if (dependsOn.length > 0) {
      t.setDependsOn(java.util.Arrays.stream(dependsOn).map(d -> new TaskDependency().setTaskKey(d)).toList());
    }
    return t;
  }

  private static JobCluster cluster(String key) {
    return new JobCluster().setJobClusterKey(key).setNewCluster(new ClusterSpec().setSparkVersion("15.4.x-scala2.12")
        .setNodeTypeId("i3.xlarge").setNumWorkers(2L));
  }

  private CreateJob job(String name) {
    return new CreateJob().setName(name).setJobClusters(List.of(cluster("main")))
        .setTasks(List.of(notebook("ingest"), notebook("transform", "ingest")))
        .setMaxConcurrentRuns(2L).setTags(Map.of("team", "data"))
        .setEmailNotifications(new JobEmailNotifications().setOnFailure(List.of("ops@example.com")))
        .setSchedule(new CronSchedule().setQuartzCronExpression("0 0 3 * * ?").setTimezoneId("UTC")
            .setPauseStatus(PauseStatus.UNPAUSED));
  }

  private List<BaseJob> list(ListJobsRequest req) {
    return StreamSupport.stream(w.jobs().list(req).spliterator(), false).toList();
  }

  @Test
  void createThenGetReturnsWhatWasSentPlusServerDefaults() {
    CreateJob sent = job("etl");
    long id = w.jobs().create(sent).getJobId();
    Job got = w.jobs().get(id);
    assertEquals(id, got.getJobId());
    assertEquals("admin@example.com", got.getCreatorUserName());
    assertEquals("admin@example.com", got.getRunAsUserName());
    assertTrue(got.getCreatedTime() > 1_600_000_000_000L);
    JobSettings s = got.getSettings();
    assertEquals("etl", s.getName());
    assertEquals(List.copyOf(sent.getTasks()), List.copyOf(s.getTasks()));
    assertEquals(List.copyOf(sent.getJobClusters()), List.copyOf(s.getJobClusters()));
    assertEquals(sent.getSchedule(), s.getSchedule());
    assertEquals(sent.getEmailNotifications(), s.getEmailNotifications());
    assertEquals(Map.of("team", "data"), s.getTags());
    assertEquals(2L, s.getMaxConcurrentRuns());
    assertEquals(0L, s.getTimeoutSeconds(), "server default");
    assertEquals(Format.MULTI_TASK, s.getFormat());
    assertNull(got.getNextPageToken());

    BaseJob listed = list(new ListJobsRequest().setName("ETL")).get(0);
    assertEquals(id, listed.getJobId());
    assertNull(listed.getSettings().getTasks(), "no tasks without expand_tasks");
    assertEquals("etl", listed.getSettings().getName());
    BaseJob expanded = list(new ListJobsRequest().setName("etl").setExpandTasks(true)).get(0);
    assertEquals(List.copyOf(sent.getTasks()), List.copyOf(expanded.getSettings().getTasks()));
    assertEquals(Boolean.FALSE, expanded.getHasMore());
  }

  @Test
  void unknownJobIsResourceDoesNotExistWithTheLegacyWireError() throws Exception {
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.jobs().get(424242L));
    Raw wire = raw("GET", "/api/2.2/jobs/get?job_id=424242", null);
    assertEquals(400, wire.status());
    assertEquals("INVALID_PARAMETER_VALUE", wire.body().get("error_code").asText());
    assertEquals("Job 424242 does not exist.", wire.body().get("message").asText());
    for (String op : List.of("reset", "update", "delete")) {
      Raw r = raw("POST", "/api/2.2/jobs/" + op, "{\"job_id\":424242,\"new_settings\":{}}");
      assertEquals(400, r.status(), op);
      assertEquals("Job 424242 does not exist.", r.body().get("message").asText(), op);
    }
  }

  @Test
  void validationErrors() {
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.jobs().create(new CreateJob()
        .setJobClusters(List.of(cluster("main"))).setTasks(List.of(notebook("a"), notebook("a")))));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.jobs().create(new CreateJob()
        .setJobClusters(List.of(cluster("main"))).setTasks(List.of(notebook("a", "missing")))));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.jobs().create(new CreateJob()
        .setTasks(List.of(notebook("a")))));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.jobs().create(new CreateJob()
        .setJobClusters(List.of(cluster("main"))).setTasks(List.of(notebook("a", "b"), notebook("b", "a")))));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.jobs().create(new CreateJob()
        .setJobClusters(List.of(cluster("main"), cluster("main")))));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.jobs().create(new CreateJob()
        .setTasks(List.of(new Task().setNotebookTask(new NotebookTask().setNotebookPath("/x"))))));
    assertTrue(list(new ListJobsRequest().setName("Untitled")).isEmpty(), "rejected creates store nothing");
  }

  @Test
  void listPagesThroughMoreThanTwentyJobs() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      ids.add(w.jobs().create(new CreateJob().setName("many-" + i)).getJobId());
    }
    long before = emu.requests().route("GET /api/2.0|2.1|2.2/jobs/list");
    List<Long> listed = list(new ListJobsRequest()).stream().map(BaseJob::getJobId).toList();
    assertTrue(emu.requests().route("GET /api/2.0|2.1|2.2/jobs/list") - before >= 3, "default limit 20 pages");
    assertTrue(listed.containsAll(ids));
    assertEquals(listed.size(), listed.stream().distinct().count());
    assertEquals(ids, list(new ListJobsRequest().setLimit(7L)).stream().map(BaseJob::getJobId)
        .filter(ids::contains).toList(), "same order with another page size");

    JsonNode first = raw("GET", "/api/2.2/jobs/list?limit=5", null).body();
    assertTrue(first.get("has_more").asBoolean());
    assertEquals(5, first.get("jobs").size());
    assertFalse(first.has("prev_page_token"));
    JsonNode byOffset = raw("GET", "/api/2.2/jobs/list?limit=5&offset=5", null).body();
    JsonNode byToken = raw("GET", "/api/2.2/jobs/list?limit=5&page_token=" + first.get("next_page_token").asText(), null).body();
    assertEquals(byOffset.get("jobs"), byToken.get("jobs"));
    assertTrue(byToken.has("prev_page_token"));
    JsonNode none = raw("GET", "/api/2.2/jobs/list?name=nothing-has-this-name", null).body();
    assertFalse(none.has("jobs"), "jobs absent when empty");
    assertFalse(none.get("has_more").asBoolean());
    assertEquals(400, raw("GET", "/api/2.2/jobs/list?limit=101", null).status());
  }

  @Test
  void getOn22PagesTasksAndJobClustersBeyondOneHundred() throws Exception {
    List<JobCluster> clusters = IntStream.range(0, 120).mapToObj(i -> cluster("c" + i)).toList();
    List<Task> tasks = IntStream.range(0, 250).mapToObj(i -> new Task().setTaskKey("t" + i)
        .setJobClusterKey("c" + (i % 120)).setNotebookTask(new NotebookTask().setNotebookPath("/n" + i))).toList();
    long id = w.jobs().create(new CreateJob().setName("wide").setTasks(tasks).setJobClusters(clusters)).getJobId();

    List<Task> gotTasks = new ArrayList<>();
    List<JobCluster> gotClusters = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Job page = w.jobs().get(new GetJobRequest().setJobId(id).setPageToken(token));
      assertTrue(page.getSettings().getTasks() == null || page.getSettings().getTasks().size() <= 100);
      if (page.getSettings().getTasks() != null) {
        gotTasks.addAll(page.getSettings().getTasks());
      }
      if (page.getSettings().getJobClusters() != null) {
        gotClusters.addAll(page.getSettings().getJobClusters());
      }
      assertEquals("wide", page.getSettings().getName());
      token = page.getNextPageToken();
      pages++;
    } while (token != null && !token.isEmpty());
    assertEquals(3, pages);
    assertEquals(tasks, gotTasks);
    assertEquals(clusters, gotClusters);

    BaseJob listed = list(new ListJobsRequest().setName("wide").setExpandTasks(true)).get(0);
    assertEquals(Boolean.TRUE, listed.getHasMore());
    assertEquals(100, listed.getSettings().getTasks().size());

    JsonNode v21 = raw("GET", "/api/2.1/jobs/get?job_id=" + id, null).body();
    assertEquals(250, v21.get("settings").get("tasks").size(), "2.1 returns every task at once");
    assertFalse(v21.has("next_page_token"));
  }

  @Test
  void updateMergesByKeyAndRemovesFields() {
    long id = w.jobs().create(job("to-update")).getJobId();
    Task changed = notebook("transform", "ingest").setTimeoutSeconds(600L);
    w.jobs().update(new UpdateJob().setJobId(id).setNewSettings(new JobSettings().setDescription("updated")
        .setTasks(List.of(changed, notebook("publish", "transform")))).setFieldsToRemove(List.of("schedule", "tags")));
    JobSettings s = w.jobs().get(id).getSettings();
    assertEquals("to-update", s.getName(), "untouched fields stay");
    assertEquals("updated", s.getDescription());
    assertNull(s.getSchedule());
    assertNull(s.getTags());
    assertEquals(List.of("ingest", "transform", "publish"), s.getTasks().stream().map(Task::getTaskKey).toList());
    assertEquals(600L, s.getTasks().stream().filter(t -> t.getTaskKey().equals("transform")).findFirst().orElseThrow()
        .getTimeoutSeconds());

    w.jobs().update(new UpdateJob().setJobId(id).setFieldsToRemove(List.of("tasks/publish")));
    assertEquals(List.of("ingest", "transform"), w.jobs().get(id).getSettings().getTasks().stream().map(Task::getTaskKey).toList());
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.jobs().update(new UpdateJob().setJobId(id).setFieldsToRemove(List.of("tasks/ingest"))));
    assertEquals(2, w.jobs().get(id).getSettings().getTasks().size(), "a rejected update changes nothing");
  }

  @Test
  void resetReplacesEverythingAndDeleteRemoves() {
    long id = w.jobs().create(job("to-reset")).getJobId();
    w.jobs().reset(new ResetJob().setJobId(id).setNewSettings(new JobSettings().setName("reset")
        .setTasks(List.of(new Task().setTaskKey("only").setExistingClusterId("0101-010101-abcdefgh")
            .setNotebookTask(new NotebookTask().setNotebookPath("/x"))))));
    JobSettings s = w.jobs().get(id).getSettings();
    assertEquals("reset", s.getName());
    assertNull(s.getJobClusters());
    assertNull(s.getSchedule());
    assertEquals(1L, s.getMaxConcurrentRuns(), "defaults come back");
    assertEquals("0101-010101-abcdefgh", s.getTasks().iterator().next().getExistingClusterId());
    w.jobs().delete(id);
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.jobs().get(id));
    assertTrue(list(new ListJobsRequest().setName("reset")).isEmpty());
  }

  @Test
  void legacySingleTaskCreateOn20() throws Exception {
    Raw created = raw("POST", "/api/2.0/jobs/create", "{\"name\":\"legacy job\",\"existing_cluster_id\":\"0101-010101-abcdefgh\","
        + "\"notebook_task\":{\"notebook_path\":\"/Shared/legacy\"},\"max_retries\":2,\"timeout_seconds\":300,"
        + "\"email_notifications\":{\"on_failure\":[\"ops@example.com\"]}}");
    assertEquals(200, created.status());
    long id = created.body().get("job_id").asLong();
    Job got = w.jobs().get(id);
    assertEquals(Format.MULTI_TASK, got.getSettings().getFormat());
    assertEquals(1, got.getSettings().getTasks().size());
    Task t = got.getSettings().getTasks().iterator().next();
    assertEquals("/Shared/legacy", t.getNotebookTask().getNotebookPath());
    assertEquals("0101-010101-abcdefgh", t.getExistingClusterId());
    assertEquals(2L, t.getMaxRetries());
    assertEquals(300L, got.getSettings().getTimeoutSeconds());
    assertTrue(t.getTaskKey().matches("[\\w-]+"));

    JsonNode flat = raw("GET", "/api/2.0/jobs/get?job_id=" + id, null).body().get("settings");
    assertEquals("SINGLE_TASK", flat.get("format").asText());
    assertFalse(flat.has("tasks"));
    assertEquals("/Shared/legacy", flat.get("notebook_task").get("notebook_path").asText());
    assertEquals("0101-010101-abcdefgh", flat.get("existing_cluster_id").asText());

    JsonNode listed20 = StreamSupport.stream(raw("GET", "/api/2.0/jobs/list?name=legacy%20job", null).body().get("jobs")
        .spliterator(), false).findFirst().orElseThrow().get("settings");
    assertEquals("/Shared/legacy", listed20.get("notebook_task").get("notebook_path").asText(), "2.0 list is flat too");

    assertEquals(200, raw("POST", "/api/2.0/jobs/update", "{\"job_id\":" + id + ",\"new_settings\":{\"max_retries\":5}}").status());
    assertEquals(5L, w.jobs().get(id).getSettings().getTasks().iterator().next().getMaxRetries(),
        "a flat 2.0 update reaches the single task");
    assertEquals(200, raw("POST", "/api/2.0/jobs/reset", "{\"job_id\":" + id + ",\"new_settings\":{\"name\":\"legacy job\","
        + "\"existing_cluster_id\":\"0101-010101-abcdefgh\",\"spark_python_task\":{\"python_file\":\"dbfs:/a.py\"}}}").status());
    Task reset = w.jobs().get(id).getSettings().getTasks().iterator().next();
    assertEquals("dbfs:/a.py", reset.getSparkPythonTask().getPythonFile());
    assertNull(reset.getNotebookTask());
    assertNull(reset.getMaxRetries());

    JsonNode dumped = StreamSupport.stream(emu.dump().get("jobs").spliterator(), false)
        .filter(j -> j.get("job_id").asLong() == id).findFirst().orElseThrow();
    try (var other = new io.dbsync.emulator.Emulator().start()) {
      other.seed(Json.parse("{\"jobs\":[" + dumped + "]}"));
      assertEquals(dumped, other.dump().get("jobs").get(0), "dump output seeds back unchanged");
    }
  }
}
