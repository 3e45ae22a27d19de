package io.dbsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.tf.Cloud;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.config.DesiredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AWS <-> Azure/GCP translation of compute: node types, attribute blocks, instance profiles, storage, policies. */
class CrossCloudTranslationTest {
  @TempDir
  Path tmp;

  static final String AWS_COMPUTE = """
      {"resource": {
        "databricks_instance_profile": {"etl": {"instance_profile_arn": "arn:aws:iam::1:instance-profile/etl"}},
        "databricks_group": {"eng": {"display_name": "eng"}},
        "databricks_group_instance_profile": {"eng_etl": {"group_id": "${databricks_group.eng.id}",
            "instance_profile_id": "${databricks_instance_profile.etl.id}"}},
        "databricks_cluster": {"c": {"cluster_name": "c", "spark_version": "15.4.x-scala2.12",
            "node_type_id": "i3.xlarge", "driver_node_type_id": "i3.2xlarge",
            "aws_attributes": {"availability": "SPOT_WITH_FALLBACK", "first_on_demand": 1, "zone_id": "us-west-2a",
                "ebs_volume_count": 1, "instance_profile_arn": "${databricks_instance_profile.etl.id}"},
            "init_scripts": [{"s3": {"destination": "s3://scripts/init.sh", "region": "us-west-2"}}]}}
      }}
      """;

  static final String AWS_POOL_POLICY_JOB = """
      {"resource": {
        "databricks_instance_pool": {"p": {"instance_pool_name": "p", "node_type_id": "m5d.large",
            "aws_attributes": {"availability": "SPOT", "spot_bid_price_percent": 100, "zone_id": "us-west-2a"},
            "disk_spec": {"disk_count": 1, "disk_size": 100, "disk_type": {"ebs_volume_type": "GENERAL_PURPOSE_SSD"}}}},
        "databricks_cluster_policy": {"small": {"name": "small", "definition":
            "{\\"aws_attributes.availability\\":{\\"type\\":\\"fixed\\",\\"value\\":\\"SPOT\\"},\\"aws_attributes.zone_id\\":{\\"type\\":\\"fixed\\",\\"value\\":\\"auto\\"},\\"node_type_id\\":{\\"type\\":\\"allowlist\\",\\"values\\":[\\"i3.xlarge\\",\\"m5d.large\\"],\\"defaultValue\\":\\"i3.xlarge\\"}}"}},
        "databricks_job": {"j": {"name": "j",
            "job_cluster": [{"job_cluster_key": "k", "new_cluster": {"spark_version": "15.4.x-scala2.12",
                "node_type_id": "r5d.xlarge", "num_workers": 2, "aws_attributes": {"availability": "ON_DEMAND"}}}],
            "task": [{"task_key": "t", "job_cluster_key": "k", "notebook_task": {"notebook_path": "/Shared/etl"}},
                     {"task_key": "u", "new_cluster": {"spark_version": "15.4.x-scala2.12", "node_type_id": "c5d.2xlarge",
                       "num_workers": 1, "aws_attributes": {"availability": "SPOT"}}, "notebook_task": {"notebook_path": "/Shared/u"}}]}}
      }}
      """;

  private static Target awsTo(Cloud to) {
    return Target.of(Cloud.AWS, to, null);
  }

  @Test
  void awsClusterBecomesAnAzureClusterWithoutItsInstanceProfile() throws Exception {
    DesiredConfig config = Configs.read(tmp, AWS_COMPUTE);
    Mapping m = Mapping.parse("""
        instance_profiles: {"*": {uc_credential: etl_cred}}
        storage: {"s3://scripts/": "abfss://scripts@acct.dfs.core.windows.net/"}
        """, null);
    Translation t = m.translate(config, awsTo(Cloud.AZURE));
    assertEquals(List.of(), t.needs());
    JsonNode c = Configs.attrs(t.config(), "databricks_cluster.c");
    assertEquals("Standard_E4ds_v4", c.path("node_type_id").asText());
    assertEquals("Standard_L8s_v2", c.path("driver_node_type_id").asText());
    assertNull(c.get("aws_attributes"));
    assertEquals(TfJson.MAPPER.readTree("""
        {"availability": "SPOT_WITH_FALLBACK_AZURE", "first_on_demand": 1, "spot_bid_max_price": -1}"""),
        c.get("azure_attributes"));
    assertEquals(TfJson.MAPPER.readTree("""
        [{"abfss": {"destination": "abfss://scripts@acct.dfs.core.windows.net/init.sh"}}]"""), c.get("init_scripts"));
    assertFalse(Configs.has(t.config(), "databricks_instance_profile.etl"));
    assertFalse(Configs.has(t.config(), "databricks_group_instance_profile.eng_etl"));
    assertTrue(Configs.has(t.config(), "databricks_group.eng"));
    assertFalse(t.config().resources().stream().anyMatch(r -> r.references().contains("databricks_instance_profile.etl")));
    assertTrue(t.dropped().contains("databricks_instance_profile.etl: instance profile arn:aws:iam::1:instance-profile/etl"
        + " -> Unity Catalog credential etl_cred (azure has no instance profiles); grant databricks_group.eng access through it"),
        t.dropped().toString());
    assertTrue(t.applied().contains("aws_attributes.zone_id left out (no azure counterpart)"), t.applied().toString());
    assertTrue(t.applied().contains("node type i3.xlarge -> Standard_E4ds_v4 (bundled table)"), t.applied().toString());
    assertTrue(t.text().startsWith("Mapping applied (aws -> azure):\n"), t.text());
  }

  @Test
  void whatTheMappingLacksIsListedWithTheEntryToAdd() throws Exception {
    DesiredConfig config = Configs.read(tmp, AWS_COMPUTE, """
        {"resource": {"databricks_instance_pool": {"big": {"instance_pool_name": "big", "node_type_id": "x1e.32xlarge"}}}}
        """);
    List<Need> needs = Mapping.none().unmapped(config, awsTo(Cloud.AZURE));
    assertEquals(List.of(
        "instance profile arn:aws:iam::1:instance-profile/etl has no entry: azure has no instance profiles "
            + "(databricks_instance_profile.etl); add to the mapping file: "
            + "instance_profiles: {\"arn:aws:iam::1:instance-profile/etl\": null}   # or {uc_credential: <credential name>}",
        "node type x1e.32xlarge has no azure counterpart in the bundled table (databricks_instance_pool.big); "
            + "add to the mapping file: node_types: {\"x1e.32xlarge\": \"<azure node type>\"}",
        "storage s3://scripts/ is aws storage (databricks_cluster.c); add to the mapping file: "
            + "storage: {\"s3://scripts/\": \"<azure storage URL>\"}"),
        needs.stream().map(Need::toString).toList());
    Translation fixed = Mapping.parse("""
        node_types: {x1e.32xlarge: Standard_E32ds_v4}
        instance_profiles: {"arn:aws:iam::1:instance-profile/etl": null}
        storage: {"s3://scripts/": "abfss://scripts@acct.dfs.core.windows.net/"}
        """, null).translate(config, awsTo(Cloud.AZURE));
    assertEquals(List.of(), fixed.needs());
    assertEquals("Standard_E32ds_v4", Configs.attrs(fixed.config(), "databricks_instance_pool.big").path("node_type_id").asText());
  }

  @Test
  void poolsPoliciesAndJobClustersAreTranslated() throws Exception {
    DesiredConfig config = Configs.read(tmp, AWS_POOL_POLICY_JOB);
    Translation t = Mapping.none().translate(config, awsTo(Cloud.AZURE));
    assertEquals(List.of(), t.needs());
    JsonNode pool = Configs.attrs(t.config(), "databricks_instance_pool.p");
    assertEquals("Standard_D2ds_v5", pool.path("node_type_id").asText());
    assertEquals(TfJson.MAPPER.readTree("{\"availability\": \"SPOT_AZURE\", \"spot_bid_max_price\": -1}"), pool.get("azure_attributes"));
    assertEquals(TfJson.MAPPER.readTree("""
        {"disk_count": 1, "disk_size": 100, "disk_type": {"azure_disk_volume_type": "PREMIUM_LRS"}}"""), pool.get("disk_spec"));
    assertEquals("{\"azure_attributes.availability\":{\"type\":\"fixed\",\"value\":\"SPOT_AZURE\"},"
            + "\"node_type_id\":{\"defaultValue\":\"Standard_E4ds_v4\",\"type\":\"allowlist\",\"values\":[\"Standard_E4ds_v4\",\"Standard_D2ds_v5\"]}}",
        Configs.attrs(t.config(), "databricks_cluster_policy.small").path("definition").asText());
    JsonNode job = Configs.attrs(t.config(), "databricks_job.j");
    JsonNode jobCluster = job.at("/job_cluster/0/new_cluster");
    assertEquals("Standard_E4ds_v4", jobCluster.path("node_type_id").asText());
    assertEquals("ON_DEMAND_AZURE", jobCluster.at("/azure_attributes/availability").asText());
    assertFalse(jobCluster.at("/azure_attributes").has("spot_bid_max_price"), "on-demand has no bid");
    JsonNode taskCluster = job.at("/task/1/new_cluster");
    assertEquals("Standard_F8s_v2", taskCluster.path("node_type_id").asText());
    assertEquals("SPOT_AZURE", taskCluster.at("/azure_attributes/availability").asText());
    assertTrue(t.applied().contains("policy element aws_attributes.zone_id left out (no azure counterpart)"), t.applied().toString());
  }

  @Test
  void gcpPoolsNameTheirAvailabilityDifferently() throws Exception {
    Translation t = Mapping.none().translate(Configs.read(tmp, AWS_POOL_POLICY_JOB), awsTo(Cloud.GCP));
    JsonNode pool = Configs.attrs(t.config(), "databricks_instance_pool.p");
    assertEquals(TfJson.MAPPER.readTree("{\"gcp_availability\": \"PREEMPTIBLE_GCP\"}"), pool.get("gcp_attributes"));
    assertFalse(pool.path("disk_spec").has("disk_type"));
    assertEquals("PREEMPTIBLE_GCP", Configs.attrs(t.config(), "databricks_job.j").at("/task/1/new_cluster/gcp_attributes/availability").asText());
  }

  @Test
  void azureClusterBecomesAnAwsClusterWithTheFilesDefaults() throws Exception {
    DesiredConfig config = Configs.read(tmp, """
        {"resource": {"databricks_cluster": {"c": {"cluster_name": "c", "spark_version": "15.4.x-scala2.12",
            "node_type_id": "Standard_DS3_v2", "azure_attributes": {"availability": "ON_DEMAND_AZURE",
            "first_on_demand": 1, "spot_bid_max_price": -1}, "cluster_log_conf": {"dbfs": {"destination": "dbfs:/logs"}}}}}}
        """);
    Translation t = Mapping.parse("cloud_attributes: {aws: {zone_id: auto}}", null)
        .translate(config, Target.of(Cloud.AZURE, Cloud.AWS, null));
    JsonNode c = Configs.attrs(t.config(), "databricks_cluster.c");
    assertEquals("m5d.xlarge", c.path("node_type_id").asText());
    assertEquals(TfJson.MAPPER.readTree("{\"availability\": \"ON_DEMAND\", \"first_on_demand\": 1, \"zone_id\": \"auto\"}"),
        c.get("aws_attributes"));
    assertNull(c.get("azure_attributes"));
    assertEquals("dbfs:/logs", c.at("/cluster_log_conf/dbfs/destination").asText());
  }

  @Test
  void withinOneCloudOnlyTheFilesEntriesApply() throws Exception {
    DesiredConfig config = Configs.read(tmp, AWS_COMPUTE);
    Translation none = Mapping.none().translate(config, Target.of(Cloud.AWS, Cloud.AWS, null));
    assertTrue(none.unchanged());
    assertEquals(config.resources(), none.config().resources(), "nothing to do: the same resources");
    Translation moved = Mapping.parse("""
        node_types: {i3.xlarge: i3.2xlarge}
        instance_profiles: {"arn:aws:iam::1:instance-profile/etl": "arn:aws:iam::2:instance-profile/etl"}
        """, null).translate(config, Target.of(Cloud.AWS, Cloud.AWS, null));
    assertEquals("i3.2xlarge", Configs.attrs(moved.config(), "databricks_cluster.c").path("node_type_id").asText());
    assertEquals("arn:aws:iam::2:instance-profile/etl",
        Configs.attrs(moved.config(), "databricks_instance_profile.etl").path("instance_profile_arn").asText());
    assertEquals("${databricks_instance_profile.etl.id}",
        Configs.attrs(moved.config(), "databricks_cluster.c").at("/aws_attributes/instance_profile_arn").asText());
  }

  @Test
  void anUnknownCloudTranslatesNothingBetweenClouds() throws Exception {
    DesiredConfig config = Configs.read(tmp, AWS_POOL_POLICY_JOB);
    Translation unrecorded = Mapping.none().translate(config, Target.of(null, Cloud.AZURE, null));
    assertEquals(config.resources(), unrecorded.config().resources());
    assertTrue(unrecorded.text().contains("the export does not record its cloud"), unrecorded.text());
    assertTrue(Mapping.none().translate(config, Target.of(Cloud.AWS, null, null)).unchanged());
  }
}
