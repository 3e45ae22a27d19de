package io.dbsync.emulator.compute;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.compute.CreatePolicy;
import com.databricks.sdk.service.compute.EditPolicy;
import com.databricks.sdk.service.compute.Library;
import com.databricks.sdk.service.compute.ListClusterPoliciesRequest;
import com.databricks.sdk.service.compute.ListPolicyFamiliesRequest;
import com.databricks.sdk.service.compute.ListSortColumn;
import com.databricks.sdk.service.compute.ListSortOrder;
import com.databricks.sdk.service.compute.Policy;
import com.databricks.sdk.service.compute.PolicyFamily;
import com.databricks.sdk.service.compute.CreateCluster;
import io.dbsync.emulator.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoliciesApiTest extends EmulatorSdkTest {
  private static final String DEFINITION =
      "{\"spark_version\":{\"type\":\"regex\",\"pattern\":\"15\\\\.[0-9]+\\\\.x-scala.*\"},"
          + "\"autoscale.max_workers\":{\"type\":\"range\",\"maxValue\":25,\"defaultValue\":5}}";

  private List<Policy> list(ListClusterPoliciesRequest req) {
    return StreamSupport.stream(w.clusterPolicies().list(req).spliterator(), false).toList();
  }

  @Test
  void builtInFamilyPoliciesExist() {
    Policy personal = list(new ListClusterPoliciesRequest()).stream()
        .filter(p -> p.getName().equals("Personal Compute")).findFirst().orElseThrow();
    assertEquals("personal-vm", personal.getPolicyFamilyId());
    assertEquals(Boolean.TRUE, personal.getIsDefault());
    assertTrue(Json.parse(personal.getDefinition()).has("num_workers"));
    List<String> families = list(new ListClusterPoliciesRequest()).stream().map(Policy::getPolicyFamilyId)
        .filter(java.util.Objects::nonNull).toList();
    assertTrue(families.containsAll(List.of("personal-vm", "power-user", "shared-compute", "legacy-shared", "job-cluster")));
  }

  @Test
  void createGetListEditDelete() {
    Library lib = new Library().setPypi(new com.databricks.sdk.service.compute.PythonPyPiLibrary().setPackage("numpy"));
    String id = w.clusterPolicies().create(new CreatePolicy().setName("team-a").setDefinition(DEFINITION)
        .setDescription("for team a").setMaxClustersPerUser(3L).setLibraries(List.of(lib))).getPolicyId();
    assertTrue(id.matches("[0-9A-F]{16}"), id);
    Policy p = w.clusterPolicies().get(id);
    assertEquals("team-a", p.getName());
    assertEquals(DEFINITION, p.getDefinition());
    assertEquals("for team a", p.getDescription());
    assertEquals(3L, p.getMaxClustersPerUser());
    assertEquals(List.of(lib), new ArrayList<>(p.getLibraries()));
    assertEquals("admin@example.com", p.getCreatorUserName());
    assertTrue(p.getCreatedAtTimestamp() > 1_600_000_000_000L);
    assertNull(p.getIsDefault());
    assertEquals(p, list(new ListClusterPoliciesRequest()).stream().filter(x -> x.getPolicyId().equals(id)).findFirst().orElseThrow());

    w.clusterPolicies().edit(new EditPolicy().setPolicyId(id).setName("team-a2").setDefinition("{}"));
    Policy edited = w.clusterPolicies().get(id);
    assertEquals("team-a2", edited.getName());
    assertEquals("{}", edited.getDefinition());
    assertNull(edited.getDescription(), "edit is a full replace");
    assertEquals(p.getCreatedAtTimestamp(), edited.getCreatedAtTimestamp());

    String cluster = w.clusters().create(new CreateCluster().setSparkVersion("15.4.x-scala2.12").setNumWorkers(1L)
        .setPolicyId(id)).getResponse().getClusterId();
    assertEquals(id, w.clusters().get(cluster).getPolicyId());
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.clusters().create(new CreateCluster().setSparkVersion("15.4.x-scala2.12").setPolicyId("0000000000000000")).getResponse());

    w.clusterPolicies().delete(id);
    var e = assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.clusterPolicies().get(id));
    assertTrue(e.getMessage().contains(id));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.clusterPolicies().delete(id));
  }

  @Test
  void validation() {
    w.clusterPolicies().create(new CreatePolicy().setName("unique").setDefinition("{}"));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.clusterPolicies().create(new CreatePolicy().setName("unique").setDefinition("{}")));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.clusterPolicies().create(new CreatePolicy().setName("bad-json").setDefinition("{not json")));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.clusterPolicies().create(new CreatePolicy().setName("both").setDefinition("{}").setPolicyFamilyId("personal-vm")));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.clusterPolicies().create(new CreatePolicy().setDefinition("{}")));
  }

  @Test
  void familyPolicyWithOverrides() {
    String overrides = "{\"autotermination_minutes\":{\"type\":\"fixed\",\"value\":60}}";
    String id = w.clusterPolicies().create(new CreatePolicy().setName("personal-60").setPolicyFamilyId("personal-vm")
        .setPolicyFamilyDefinitionOverrides(overrides)).getPolicyId();
    Policy p = w.clusterPolicies().get(id);
    assertEquals("personal-vm", p.getPolicyFamilyId());
    assertEquals(overrides, p.getPolicyFamilyDefinitionOverrides());
    var def = Json.parse(p.getDefinition());
    assertEquals(60, def.get("autotermination_minutes").get("value").asInt(), "overrides are merged into the definition");
    assertTrue(def.has("num_workers"), "the family definition is kept");
  }

  @Test
  void sortedList() {
    List<String> names = list(new ListClusterPoliciesRequest().setSortColumn(ListSortColumn.POLICY_NAME)
        .setSortOrder(ListSortOrder.DESC)).stream().map(Policy::getName).toList();
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(String.CASE_INSENSITIVE_ORDER.reversed());
    assertEquals(sorted, names);
  }

  @Test
  void policyFamiliesPageAndGet() {
    List<PolicyFamily> all = StreamSupport.stream(w.policyFamilies().list(new ListPolicyFamiliesRequest().setMaxResults(2L))
        .spliterator(), false).toList();
    assertEquals(5, all.size());
    assertEquals(5, all.stream().map(PolicyFamily::getPolicyFamilyId).distinct().count());
    PolicyFamily personal = w.policyFamilies().get("personal-vm");
    assertEquals("Personal Compute", personal.getName());
    assertTrue(Json.parse(personal.getDefinition()).isObject());
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.policyFamilies().get("nope"));
  }

  @Test
  void clustersAreCheckedAgainstTheirPolicy() {
    String def = "{\"spark_conf.spark.databricks.cluster.profile\":{\"type\":\"fixed\",\"value\":\"singleNode\"},"
        + "\"node_type_id\":{\"type\":\"allowlist\",\"values\":[\"i3.xlarge\",\"m5d.large\"],\"defaultValue\":\"m5d.large\"},"
        + "\"autotermination_minutes\":{\"type\":\"range\",\"minValue\":10,\"maxValue\":60,\"defaultValue\":30},"
        + "\"spark_version\":{\"type\":\"regex\",\"pattern\":\"1[45]\\\\..*\"},"
        + "\"docker_image.url\":{\"type\":\"forbidden\"},"
        + "\"custom_tags.team\":{\"type\":\"fixed\",\"value\":\"data\"}}";
    String id = w.clusterPolicies().create(new CreatePolicy().setName("enforced").setDefinition(def)).getPolicyId();
    CreateCluster ok = new CreateCluster().setSparkVersion("15.4.x-scala2.12").setNumWorkers(0L).setPolicyId(id)
        .setNodeTypeId("i3.xlarge").setApplyPolicyDefaultValues(true);
    var c = w.clusters().get(w.clusters().create(ok).getResponse().getClusterId());
    assertEquals("singleNode", c.getSparkConf().get("spark.databricks.cluster.profile"), "fixed values are filled in");
    assertEquals("data", c.getCustomTags().get("team"));
    assertEquals(30L, c.getAutoterminationMinutes(), "defaults applied on request");

    var noDefaults = w.clusters().get(w.clusters().create(new CreateCluster().setSparkVersion("14.3.x-scala2.12")
        .setNumWorkers(0L).setPolicyId(id).setNodeTypeId("m5d.large")).getResponse().getClusterId());
    assertNull(noDefaults.getAutoterminationMinutes(), "no defaults unless apply_policy_default_values");
    assertEquals("singleNode", noDefaults.getSparkConf().get("spark.databricks.cluster.profile"));

    for (CreateCluster bad : List.of(
        new CreateCluster().setSparkVersion("15.4.x-scala2.12").setPolicyId(id).setNodeTypeId("r5d.xlarge"),
        new CreateCluster().setSparkVersion("13.3.x-scala2.12").setPolicyId(id).setNodeTypeId("i3.xlarge"),
        new CreateCluster().setSparkVersion("15.4.x-scala2.12").setPolicyId(id).setNodeTypeId("i3.xlarge").setAutoterminationMinutes(120L),
        new CreateCluster().setSparkVersion("15.4.x-scala2.12").setPolicyId(id).setNodeTypeId("i3.xlarge")
            .setCustomTags(java.util.Map.of("team", "other")),
        new CreateCluster().setSparkVersion("15.4.x-scala2.12").setPolicyId(id).setNodeTypeId("i3.xlarge")
            .setDockerImage(new com.databricks.sdk.service.compute.DockerImage().setUrl("img")),
        new CreateCluster().setSparkVersion("15.4.x-scala2.12").setPolicyId(id))) {
      var e = assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.clusters().create(bad).getResponse());
      assertTrue(e.getMessage().startsWith("Validation failed for "), e.getMessage());
    }

    String jobPolicy = list(new ListClusterPoliciesRequest()).stream().filter(p -> "job-cluster".equals(p.getPolicyFamilyId()))
        .findFirst().orElseThrow().getPolicyId();
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.clusters().create(new CreateCluster()
        .setSparkVersion("15.4.x-scala2.12").setPolicyId(jobPolicy).setDataSecurityMode(
            com.databricks.sdk.service.compute.DataSecurityMode.SINGLE_USER)).getResponse());
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.clusterPolicies().create(
        new CreatePolicy().setName("bad-rule").setDefinition("{\"x\":{\"type\":\"nope\"}}")));
  }
}
