package io.dbsync.emulator.compute;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.service.compute.AwsAttributes;
import com.databricks.sdk.service.compute.AwsAvailability;
import com.databricks.sdk.service.compute.AzureAttributes;
import com.databricks.sdk.service.compute.AzureAvailability;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.ClusterSpec;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.CreateInstancePool;
import com.databricks.sdk.service.compute.GcpAttributes;
import com.databricks.sdk.service.compute.GcpAvailability;
import com.databricks.sdk.service.compute.InstancePoolAzureAttributes;
import com.databricks.sdk.service.compute.NodeType;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.JobCluster;
import io.dbsync.emulator.Cloud;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.EmulatorOptions;
import io.dbsync.emulator.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The --cloud flavours through the SDK: node types, attribute blocks, instance profiles, host metadata. */
class CloudFlavoursTest {
  private static Emulator start(Cloud cloud) throws Exception {
    EmulatorOptions options = new EmulatorOptions();
    options.cloud = cloud;
    return new Emulator(options).start();
  }

  private static WorkspaceClient client(Emulator emu) {
    return new WorkspaceClient(new DatabricksConfig().setHost(emu.url()).setToken(emu.token()).setAuthType("pat"));
  }

  private static final java.util.Map<Cloud, String> SAMPLE_NODE = java.util.Map.of(
      Cloud.AWS, "i3.xlarge", Cloud.AZURE, "Standard_DS3_v2", Cloud.GCP, "n2-highmem-8");

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void nodeTypesAreTheClouds(Cloud cloud) throws Exception {
    try (Emulator emu = start(cloud)) {
      java.util.Collection<NodeType> types = client(emu).clusters().listNodeTypes().getNodeTypes();
      assertTrue(types.size() >= 12, "a dozen node types, got " + types.size());
      Set<String> categories = types.stream().map(NodeType::getCategory).collect(Collectors.toSet());
      assertTrue(categories.containsAll(Set.of("General Purpose", "Memory Optimized", "GPU Accelerated")), categories.toString());
      assertTrue(types.stream().anyMatch(t -> t.getNumGpus() > 0 && t.getMemoryMb() > 0 && t.getNumCores() > 0));
      assertTrue(types.stream().anyMatch(t -> t.getNodeInstanceType().getLocalDisks() > 0
          && t.getNodeInstanceType().getLocalDiskSizeGb() > 0));
      for (NodeType t : types) {
        assertEquals(cloud, NodeTypeCatalog.cloudOf(t.getNodeTypeId()), t.getNodeTypeId());
      }
      assertTrue(types.stream().anyMatch(t -> t.getNodeTypeId().equals(SAMPLE_NODE.get(cloud))));
      assertFalse(client(emu).clusters().sparkVersions().getVersions().isEmpty());
    }
  }

  @Test
  void awsIsTheDefaultAndRejectsOtherCloudsBlocksAndNodeTypes() throws Exception {
    assertEquals(Cloud.AWS, new EmulatorOptions().cloud);
    try (Emulator emu = new Emulator().start()) {
      WorkspaceClient w = client(emu);
      String id = w.clusters().create(new CreateCluster().setClusterName("a").setSparkVersion("15.4.x-scala2.12")
          .setNodeTypeId("i3.xlarge").setNumWorkers(1L)
          .setAwsAttributes(new AwsAttributes().setAvailability(AwsAvailability.SPOT_WITH_FALLBACK).setZoneId("us-west-2a")))
          .getResponse().getClusterId();
      ClusterDetails c = w.clusters().get(id);
      assertEquals(AwsAvailability.SPOT_WITH_FALLBACK, c.getAwsAttributes().getAvailability());

      InvalidParameterValue azure = assertThrows(InvalidParameterValue.class, () -> w.clusters().create(new CreateCluster()
          .setSparkVersion("15.4.x-scala2.12").setNodeTypeId("i3.xlarge").setNumWorkers(1L)
          .setAzureAttributes(new AzureAttributes().setAvailability(AzureAvailability.SPOT_AZURE))).getResponse());
      assertEquals("azure_attributes is not supported on AWS; use aws_attributes", azure.getMessage());
      InvalidParameterValue node = assertThrows(InvalidParameterValue.class, () -> w.clusters().create(new CreateCluster()
          .setSparkVersion("15.4.x-scala2.12").setNodeTypeId("Standard_DS3_v2").setNumWorkers(1L)).getResponse());
      assertEquals("Node type Standard_DS3_v2 is not supported on AWS", node.getMessage());
      assertFalse(w.instanceProfiles().list().iterator().hasNext(), "instance profiles work on AWS (none yet)");
      assertEquals("AWS", hostMetadata(emu).get("cloud").asText());
    }
  }

  @Test
  void azureTakesAzureAttributesEverywhere() throws Exception {
    try (Emulator emu = start(Cloud.AZURE)) {
      WorkspaceClient w = client(emu);
      String id = w.clusters().create(new CreateCluster().setClusterName("z").setSparkVersion("15.4.x-scala2.12")
          .setNodeTypeId("Standard_E8ds_v4").setNumWorkers(2L)
          .setAzureAttributes(new AzureAttributes().setAvailability(AzureAvailability.SPOT_WITH_FALLBACK_AZURE)
              .setFirstOnDemand(1L).setSpotBidMaxPrice(-1.0))).getResponse().getClusterId();
      assertEquals(AzureAvailability.SPOT_WITH_FALLBACK_AZURE, w.clusters().get(id).getAzureAttributes().getAvailability());
      InvalidParameterValue aws = assertThrows(InvalidParameterValue.class, () -> w.clusters().create(new CreateCluster()
          .setSparkVersion("15.4.x-scala2.12").setNodeTypeId("Standard_DS3_v2").setNumWorkers(1L)
          .setAwsAttributes(new AwsAttributes().setZoneId("us-west-2a"))).getResponse());
      assertEquals("aws_attributes is not supported on Azure; use azure_attributes", aws.getMessage());

      w.instancePools().create(new CreateInstancePool().setInstancePoolName("p").setNodeTypeId("Standard_DS3_v2")
          .setAzureAttributes(new InstancePoolAzureAttributes().setSpotBidMaxPrice(-1.0)));
      InvalidParameterValue poolNode = assertThrows(InvalidParameterValue.class, () -> w.instancePools().create(
          new CreateInstancePool().setInstancePoolName("q").setNodeTypeId("i3.xlarge")));
      assertEquals("Node type i3.xlarge is not supported on Azure", poolNode.getMessage());

      InvalidParameterValue job = assertThrows(InvalidParameterValue.class, () -> w.jobs().create(new CreateJob().setName("j")
          .setJobClusters(List.of(new JobCluster().setJobClusterKey("main").setNewCluster(new ClusterSpec()
              .setSparkVersion("15.4.x-scala2.12").setNodeTypeId("Standard_DS3_v2").setNumWorkers(1L)
              .setGcpAttributes(new GcpAttributes().setZoneId("us-central1-a")))))));
      assertEquals("gcp_attributes is not supported on Azure; use azure_attributes", job.getMessage());

      InvalidParameterValue profiles = assertThrows(InvalidParameterValue.class, () -> w.instanceProfiles().list().iterator().hasNext());
      assertEquals("Instance profiles are not supported on Azure", profiles.getMessage());
      assertEquals("Azure", hostMetadata(emu).get("cloud").asText());
    }
  }

  @Test
  void gcpTakesGcpAttributes() throws Exception {
    try (Emulator emu = start(Cloud.GCP)) {
      WorkspaceClient w = client(emu);
      String id = w.clusters().create(new CreateCluster().setClusterName("g").setSparkVersion("15.4.x-scala2.12")
          .setNodeTypeId("n2-highmem-8").setDriverNodeTypeId("n2-standard-4").setNumWorkers(1L)
          .setGcpAttributes(new GcpAttributes().setAvailability(GcpAvailability.PREEMPTIBLE_WITH_FALLBACK_GCP)
              .setZoneId("us-central1-a").setLocalSsdCount(1L))).getResponse().getClusterId();
      assertEquals("us-central1-a", w.clusters().get(id).getGcpAttributes().getZoneId());
      assertThrows(InvalidParameterValue.class, () -> w.clusters().create(new CreateCluster()
          .setSparkVersion("15.4.x-scala2.12").setNodeTypeId("n2-highmem-8").setDriverNodeTypeId("m5d.large")
          .setNumWorkers(1L)).getResponse());
      assertEquals("us-central1-a", w.clusters().listZones().getDefaultZone());
      InvalidParameterValue profiles = assertThrows(InvalidParameterValue.class, () -> w.instanceProfiles().remove("arn:aws:iam::123456789012:instance-profile/x"));
      assertEquals("Instance profiles are not supported on GCP", profiles.getMessage());
      assertEquals("GCP", hostMetadata(emu).get("cloud").asText());
    }
  }

  @Test
  void cloudNamesParse() {
    assertEquals(Cloud.AZURE, Cloud.parse("Azure"));
    assertEquals(Cloud.GCP, Cloud.parse(" gcp "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cloud.parse("oracle"));
    assertEquals("unknown cloud 'oracle' (expected aws, azure or gcp)", e.getMessage());
  }

  private static com.fasterxml.jackson.databind.JsonNode hostMetadata(Emulator emu) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(emu.url() + "/.well-known/databricks-config")).GET().build(), HttpResponse.BodyHandlers.ofString());
    return Json.parse(r.body());
  }
}
