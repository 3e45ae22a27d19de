package io.dbsync.emulator.compute;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.InvalidState;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.compute.AutoScale;
import com.databricks.sdk.service.compute.AwsAttributes;
import com.databricks.sdk.service.compute.AwsAvailability;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.ClusterSource;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.EditCluster;
import com.databricks.sdk.service.compute.ListClustersFilterBy;
import com.databricks.sdk.service.compute.ListClustersRequest;
import com.databricks.sdk.service.compute.ListClustersSortBy;
import com.databricks.sdk.service.compute.ListClustersSortByDirection;
import com.databricks.sdk.service.compute.ListClustersSortByField;
import com.databricks.sdk.service.compute.ResizeCluster;
import com.databricks.sdk.service.compute.RestartCluster;
import com.databricks.sdk.service.compute.State;
import com.databricks.sdk.service.compute.TerminationReasonCode;
import com.databricks.sdk.service.compute.UpdateCluster;
import com.databricks.sdk.service.compute.UpdateClusterResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClustersApiTest extends EmulatorSdkTest {

  private static CreateCluster spec(String name) {
    return new CreateCluster().setClusterName(name).setSparkVersion("15.4.x-scala2.12")
        .setNodeTypeId("i3.xlarge").setNumWorkers(2L).setAutoterminationMinutes(30L)
        .setSparkConf(Map.of("spark.speculation", "true")).setCustomTags(Map.of("team", "data"))
        .setAwsAttributes(new AwsAttributes().setAvailability(AwsAvailability.SPOT_WITH_FALLBACK).setFirstOnDemand(1L));
  }

  private String create(String name) throws Exception {
    return w.clusters().create(spec(name)).getResponse().getClusterId();
  }

  private List<ClusterDetails> list(ListClustersRequest req) {
    return StreamSupport.stream(w.clusters().list(req).spliterator(), false).toList();
  }

  @Test
  void createThenGetAndListReturnWhatWasSent() throws Exception {
    ClusterDetails c = w.clusters().create(spec("roundtrip")).get();
    assertTrue(c.getClusterId().matches("\\d{4}-\\d{6}-[a-z0-9]{8}"), c.getClusterId());
    assertEquals(State.RUNNING, c.getState());
    assertEquals("roundtrip", c.getClusterName());
    assertEquals("15.4.x-scala2.12", c.getSparkVersion());
    assertEquals("i3.xlarge", c.getNodeTypeId());
    assertEquals(2L, c.getNumWorkers());
    assertEquals(30L, c.getAutoterminationMinutes());
    assertEquals(Map.of("spark.speculation", "true"), c.getSparkConf());
    assertEquals(Map.of("team", "data"), c.getCustomTags());
    assertEquals(AwsAvailability.SPOT_WITH_FALLBACK, c.getAwsAttributes().getAvailability());
    assertEquals(ClusterSource.API, c.getClusterSource());
    assertEquals("admin@example.com", c.getCreatorUserName());
    assertTrue(c.getStartTime() > 1_600_000_000_000L, "epoch ms");
    assertEquals(Map.of("Vendor", "Databricks", "Creator", "admin@example.com", "ClusterName", "roundtrip",
        "ClusterId", c.getClusterId()), c.getDefaultTags());
    assertEquals("roundtrip", c.getSpec().getClusterName());
    ClusterDetails listed = list(new ListClustersRequest()).stream()
        .filter(x -> x.getClusterId().equals(c.getClusterId())).findFirst().orElseThrow();
    assertEquals(c, listed);
  }

  @Test
  void unknownClusterIsResourceDoesNotExistWithTheLegacyCode() throws Exception {
    // the SDK's ErrorOverrides rewrite this legacy 400 into ResourceDoesNotExist
    var e = assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST",
        () -> w.clusters().get("0101-000000-nothere1"));
    assertEquals("Cluster 0101-000000-nothere1 does not exist", e.getMessage());
    Raw wire = raw("GET", "/api/2.1/clusters/get?cluster_id=0101-000000-nothere1", null);
    assertEquals(400, wire.status());
    assertEquals("INVALID_PARAMETER_VALUE", wire.body().get("error_code").asText());
    assertEquals("Cluster 0101-000000-nothere1 does not exist", wire.body().get("message").asText());
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.clusters().create(new CreateCluster().setClusterName("no version")).getResponse());
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.clusters().create(spec("bad").setAutoterminationMinutes(5L)).getResponse());
  }

  @Test
  void lifecycleTerminateEditStartRestartResizeUpdatePermanentDelete() throws Exception {
    String id = create("life");
    ClusterDetails t = w.clusters().delete(id).get();
    assertEquals(State.TERMINATED, t.getState());
    assertEquals(TerminationReasonCode.USER_REQUEST, t.getTerminationReason().getCode());
    assertNotNull(t.getTerminatedTime());
    w.clusters().delete(id).get();

    w.clusters().edit(new EditCluster().setClusterId(id).setClusterName("life2").setSparkVersion("16.4.x-scala2.12")
        .setNodeTypeId("m5d.large").setAutoscale(new AutoScale().setMinWorkers(1L).setMaxWorkers(4L))).getResponse();
    ClusterDetails edited = w.clusters().get(id);
    assertEquals(State.TERMINATED, edited.getState(), "edit of a terminated cluster keeps it terminated");
    assertEquals("life2", edited.getClusterName());
    assertNull(edited.getNumWorkers(), "edit is a full replace");
    assertNull(edited.getSparkConf());
    assertEquals(4L, edited.getAutoscale().getMaxWorkers());
    assertEquals("life2", edited.getDefaultTags().get("ClusterName"));

    assertApiError(InvalidState.class, "INVALID_STATE",
        () -> w.clusters().resize(new ResizeCluster().setClusterId(id).setNumWorkers(3L)).getResponse());
    assertEquals(State.RUNNING, w.clusters().start(id).get().getState());
    assertNull(w.clusters().get(id).getTerminationReason());
    assertApiError(InvalidState.class, "INVALID_STATE", () -> w.clusters().start(id).getResponse());
    w.clusters().restart(new RestartCluster().setClusterId(id)).get();
    assertNotNull(w.clusters().get(id).getLastRestartedTime());

    w.clusters().resize(new ResizeCluster().setClusterId(id).setNumWorkers(5L)).get();
    ClusterDetails resized = w.clusters().get(id);
    assertEquals(5L, resized.getNumWorkers());
    assertNull(resized.getAutoscale());

    w.clusters().update(new UpdateCluster().setClusterId(id).setUpdateMask("cluster_name,autotermination_minutes,custom_tags")
        .setCluster(new UpdateClusterResource().setClusterName("life3").setAutoterminationMinutes(60L))).get();
    ClusterDetails updated = w.clusters().get(id);
    assertEquals("life3", updated.getClusterName());
    assertEquals(60L, updated.getAutoterminationMinutes());
    assertNull(updated.getCustomTags(), "a masked field absent from cluster is cleared");
    assertEquals(5L, updated.getNumWorkers(), "unmasked fields are kept");

    w.clusters().permanentDelete(id);
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.clusters().get(id));
    assertTrue(list(new ListClustersRequest()).stream().noneMatch(c -> c.getClusterId().equals(id)));
  }

  @Test
  void editIsRejectedForPendingAndJobClusters() throws Exception {
    emu.seed(Json.parse("{\"clusters\":[{\"cluster_id\":\"0101-010101-pending1\",\"spark_version\":\"15.4.x-scala2.12\","
        + "\"state\":\"PENDING\"},{\"cluster_id\":\"0101-010101-jobclus1\",\"spark_version\":\"15.4.x-scala2.12\","
        + "\"cluster_source\":\"JOB\",\"cluster_name\":\"job-123-run-1\"}]}"));
    EditCluster edit = new EditCluster().setClusterId("0101-010101-pending1").setSparkVersion("15.4.x-scala2.12");
    assertApiError(InvalidState.class, "INVALID_STATE", () -> w.clusters().edit(edit).getResponse());
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.clusters().edit(edit.setClusterId("0101-010101-jobclus1")).getResponse());
    assertEquals(ClusterSource.JOB, w.clusters().get("0101-010101-jobclus1").getClusterSource());
  }

  @Test
  void listPagesWithPageSizeAndFilters() throws Exception {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(create("page-" + i));
    }
    emu.seed(Json.parse("{\"clusters\":[{\"cluster_id\":\"0202-020202-jobpage1\",\"spark_version\":\"15.4.x-scala2.12\","
        + "\"cluster_source\":\"JOB\",\"state\":\"TERMINATED\"}]}"));
    w.clusters().delete(created.get(6)).get();
    w.clusters().pin(created.get(0));
    w.clusters().pin(created.get(0));
    long before = emu.requests().route("GET /api/2.0|2.1/clusters/list");
    List<ClusterDetails> all = list(new ListClustersRequest().setPageSize(3L));
    long pages = emu.requests().route("GET /api/2.0|2.1/clusters/list") - before;
    assertTrue(pages >= 3, "several pages were fetched: " + pages);
    List<String> ids = all.stream().map(ClusterDetails::getClusterId).toList();
    assertTrue(ids.containsAll(created));
    assertTrue(ids.contains("0202-020202-jobpage1"));
    assertEquals(ids.size(), ids.stream().distinct().count(), "no duplicates across pages");

    List<ClusterDetails> uiApi = list(new ListClustersRequest().setPageSize(2L)
        .setFilterBy(new ListClustersFilterBy().setClusterSources(List.of(ClusterSource.UI, ClusterSource.API))));
    assertTrue(uiApi.stream().noneMatch(c -> c.getClusterSource() == ClusterSource.JOB));
    assertTrue(uiApi.stream().map(ClusterDetails::getClusterId).toList().containsAll(created));

    List<ClusterDetails> terminated = list(new ListClustersRequest()
        .setFilterBy(new ListClustersFilterBy().setClusterStates(List.of(State.TERMINATED))));
    assertTrue(terminated.stream().allMatch(c -> c.getState() == State.TERMINATED));
    assertTrue(terminated.stream().anyMatch(c -> c.getClusterId().equals(created.get(6))));

    List<ClusterDetails> pinned = list(new ListClustersRequest().setFilterBy(new ListClustersFilterBy().setIsPinned(true)));
    List<String> pinnedIds = pinned.stream().map(ClusterDetails::getClusterId).toList();
    assertTrue(pinnedIds.contains(created.get(0)));
    assertTrue(created.subList(1, 7).stream().noneMatch(pinnedIds::contains));
    w.clusters().unpin(created.get(0));
    assertTrue(list(new ListClustersRequest().setFilterBy(new ListClustersFilterBy().setIsPinned(true))).stream()
        .noneMatch(c -> c.getClusterId().equals(created.get(0))));

    List<String> byNameDesc = list(new ListClustersRequest().setFilterBy(new ListClustersFilterBy()
        .setClusterSources(List.of(ClusterSource.API))).setSortBy(new ListClustersSortBy()
        .setField(ListClustersSortByField.CLUSTER_NAME).setDirection(ListClustersSortByDirection.DESC)))
        .stream().map(c -> java.util.Objects.toString(c.getClusterName(), "")).toList();
    List<String> sorted = new ArrayList<>(byNameDesc);
    sorted.sort(java.util.Comparator.reverseOrder());
    assertEquals(sorted, byNameDesc);
  }

  @Test
  void listOn20ReturnsEveryClusterAtOnce() throws Exception {
    for (int i = 0; i < 3; i++) {
      create("v20-" + i);
    }
    Raw r = raw("GET", "/api/2.0/clusters/list", null);
    assertEquals(200, r.status());
    assertTrue(r.body().get("clusters").size() >= 3);
    assertFalse(r.body().has("next_page_token"));
    Raw first = raw("GET", "/api/2.1/clusters/list?page_size=1", null);
    assertEquals(1, first.body().get("clusters").size());
    assertTrue(first.body().hasNonNull("next_page_token"));
    assertFalse(first.body().has("prev_page_token"));
    for (JsonNode c : r.body().get("clusters")) {
      assertFalse(c.has("pinned"), "internal keys are not sent");
    }
  }

  @Test
  void catalogs() {
    var nodeTypes = w.clusters().listNodeTypes().getNodeTypes();
    assertTrue(nodeTypes.stream().anyMatch(n -> n.getNodeTypeId().equals("i3.xlarge") && n.getMemoryMb() > 0
        && n.getNumCores() > 0 && n.getCategory() != null));
    var versions = w.clusters().sparkVersions().getVersions();
    assertTrue(versions.stream().anyMatch(v -> v.getKey().equals("15.4.x-scala2.12") && v.getName().startsWith("15.4 LTS")));
    var zones = w.clusters().listZones();
    assertEquals("us-west-2a", zones.getDefaultZone());
    assertTrue(zones.getZones().contains(zones.getDefaultZone()));
  }

  @Test
  void cloneFromCopiesTheSourceSpec() throws Exception {
    String source = create("source");
    String clone = w.clusters().create(new CreateCluster().setClusterName("clone").setSparkVersion("15.4.x-scala2.12")
        .setCloneFrom(new com.databricks.sdk.service.compute.CloneCluster().setSourceClusterId(source)))
        .getResponse().getClusterId();
    ClusterDetails c = w.clusters().get(clone);
    assertEquals("clone", c.getClusterName());
    assertEquals("i3.xlarge", c.getNodeTypeId());
    assertEquals(Map.of("team", "data"), c.getCustomTags());
  }

  @Test
  void dumpAndSeedRoundTrip() throws Exception {
    String id = create("dumped");
    w.clusters().pin(id);
    JsonNode dumped = emu.dump().get("clusters");
    JsonNode mine = StreamSupport.stream(dumped.spliterator(), false)
        .filter(c -> c.get("cluster_id").asText().equals(id)).findFirst().orElseThrow();
    assertTrue(mine.get("pinned").asBoolean());
    try (var other = new io.dbsync.emulator.Emulator().start()) {
      other.seed(Json.parse("{\"clusters\":[" + mine + "]}"));
      JsonNode again = other.dump().get("clusters").get(0);
      assertEquals(mine.get("spec"), again.get("spec"));
      assertEquals(mine.get("default_tags"), again.get("default_tags"));
      assertEquals(mine.get("start_time"), again.get("start_time"));
      assertTrue(again.get("pinned").asBoolean());
    }
  }
}
