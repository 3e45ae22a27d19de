package io.dbsync.emulator.compute;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.service.compute.ClusterLibraryStatuses;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.InstallLibraries;
import com.databricks.sdk.service.compute.Library;
import com.databricks.sdk.service.compute.LibraryFullStatus;
import com.databricks.sdk.service.compute.LibraryInstallStatus;
import com.databricks.sdk.service.compute.MavenLibrary;
import com.databricks.sdk.service.compute.PythonPyPiLibrary;
import com.databricks.sdk.service.compute.RestartCluster;
import com.databricks.sdk.service.compute.UninstallLibraries;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LibrariesApiTest extends EmulatorSdkTest {
  private static final Library PYPI = new Library().setPypi(new PythonPyPiLibrary().setPackage("requests==2.32.3"));
  private static final Library MAVEN = new Library().setMaven(new MavenLibrary().setCoordinates("com.acme:lib:1.0")
      .setExclusions(List.of("org.slf4j:slf4j-api")));
  private static final Library WHL = new Library().setWhl("/Workspace/Shared/libs/pkg-1.0-py3-none-any.whl");

  private String cluster() throws Exception {
    return w.clusters().create(new CreateCluster().setClusterName("libs").setSparkVersion("15.4.x-scala2.12")
        .setNumWorkers(1L)).getResponse().getClusterId();
  }

  private List<LibraryFullStatus> status(String id) {
    return StreamSupport.stream(w.libraries().clusterStatus(id).spliterator(), false).toList();
  }

  @Test
  void installShowsInstalledAndUninstallTakesEffectOnRestart() throws Exception {
    String id = cluster();
    assertTrue(status(id).isEmpty());
    Raw empty = raw("GET", "/api/2.0/libraries/cluster-status?cluster_id=" + id, null);
    assertEquals(id, empty.body().get("cluster_id").asText());
    assertFalse(empty.body().has("library_statuses"), "no key when the cluster has no libraries");

    w.libraries().install(new InstallLibraries().setClusterId(id).setLibraries(List.of(PYPI, MAVEN, WHL)));
    w.libraries().install(new InstallLibraries().setClusterId(id).setLibraries(List.of(PYPI)));
    List<LibraryFullStatus> s = status(id);
    assertEquals(List.of(PYPI, MAVEN, WHL), s.stream().map(LibraryFullStatus::getLibrary).toList());
    assertTrue(s.stream().allMatch(x -> x.getStatus() == LibraryInstallStatus.INSTALLED));
    assertTrue(s.stream().noneMatch(LibraryFullStatus::getIsLibraryForAllClusters));

    List<ClusterLibraryStatuses> all = StreamSupport.stream(w.libraries().allClusterStatuses().spliterator(), false).toList();
    assertTrue(all.stream().anyMatch(c -> c.getClusterId().equals(id) && c.getLibraryStatuses().size() == 3));

    w.libraries().uninstall(new UninstallLibraries().setClusterId(id).setLibraries(List.of(MAVEN)));
    assertEquals(LibraryInstallStatus.UNINSTALL_ON_RESTART, status(id).get(1).getStatus());
    w.clusters().restart(new RestartCluster().setClusterId(id)).get();
    assertEquals(List.of(PYPI, WHL), status(id).stream().map(LibraryFullStatus::getLibrary).toList());
  }

  @Test
  void errors() throws Exception {
    String id = cluster();
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.libraries().install(new InstallLibraries().setClusterId("0101-000000-nothere1").setLibraries(List.of(PYPI))));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.libraries().install(new InstallLibraries().setClusterId(id)
            .setLibraries(List.of(WHL, new Library().setJar("dbfs:/a.jar").setWhl("dbfs:/b.whl")))));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.libraries().install(new InstallLibraries().setClusterId(id).setLibraries(List.of())));
    assertTrue(status(id).isEmpty(), "a rejected install changes nothing");
  }

  @Test
  void permanentDeleteDropsTheLibraries() throws Exception {
    String id = cluster();
    w.libraries().install(new InstallLibraries().setClusterId(id).setLibraries(List.of(WHL)));
    w.clusters().permanentDelete(id);
    assertTrue(StreamSupport.stream(w.libraries().allClusterStatuses().spliterator(), false)
        .noneMatch(c -> c.getClusterId().equals(id)));
  }
}
