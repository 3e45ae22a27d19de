package io.dbsync.emulator.uc;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.CatalogIsolationMode;
import com.databricks.sdk.service.catalog.CreateCatalog;
import com.databricks.sdk.service.catalog.CreateSchema;
import com.databricks.sdk.service.catalog.ListCatalogsRequest;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.UpdateCatalog;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.databricks.sdk.service.catalog.UpdateWorkspaceBindingsParameters;
import com.databricks.sdk.service.catalog.WorkspaceBinding;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.EmulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two workspaces on one metastore (EmulatorOptions.unityCatalog shared): what one creates the other
 * sees, isolation restricts a catalog to its bound workspaces, and concurrent writers through both
 * emulators lose nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UcSharedMetastoreTest {
  private static final long SOURCE_ID = 1001;
  private static final long TARGET_ID = 1002;
  private Emulator source;
  private Emulator target;
  private WorkspaceClient a;
  private WorkspaceClient b;

  @BeforeAll
  void start() throws Exception {
    UcMetastore shared = new UcMetastore("11111111-2222-4333-8444-555555555555");
    source = new Emulator(options(shared, SOURCE_ID)).start();
    target = new Emulator(options(shared, TARGET_ID)).start();
    a = UcSdkTest.client(source);
    b = UcSdkTest.client(target);
  }

  private static EmulatorOptions options(UcMetastore shared, long workspaceId) {
    EmulatorOptions o = new EmulatorOptions();
    o.unityCatalog = shared;
    o.workspaceId = workspaceId;
    return o;
  }

  @AfterAll
  void stop() {
    source.close();
    target.close();
  }

  @Test
  void bothWorkspacesAreAssignedToTheSameMetastore() {
    assertEquals("11111111-2222-4333-8444-555555555555", a.metastores().current().getMetastoreId());
    assertEquals(a.metastores().current().getMetastoreId(), b.metastores().current().getMetastoreId());
    assertEquals(SOURCE_ID, a.metastores().current().getWorkspaceId());
    assertEquals(TARGET_ID, b.metastores().current().getWorkspaceId());
    assertEquals(Long.toString(TARGET_ID), b.config().getWorkspaceId(), "host metadata reports the configured id");
    assertEquals(1, UcSdkTest.all(b.catalogs().list(new ListCatalogsRequest())).stream()
        .filter(c -> c.getName().equals("system")).count(), "built-ins exist once");
  }

  @Test
  void separateEmulatorsHaveDistinctMetastores() throws Exception {
    try (Emulator one = new Emulator().start(); Emulator two = new Emulator().start()) {
      assertNotEquals(UcSdkTest.client(one).metastores().current().getMetastoreId(),
          UcSdkTest.client(two).metastores().current().getMetastoreId());
    }
  }

  @Test
  void objectsAndGrantsCreatedInOneWorkspaceAreSeenInTheOther() {
    a.catalogs().create(new CreateCatalog().setName("shared_sales"));
    a.schemas().create(new CreateSchema().setCatalogName("shared_sales").setName("orders"));
    a.grants().update(new UpdatePermissions().setSecurableType("catalog").setFullName("shared_sales")
        .setChanges(List.of(new PermissionsChange().setPrincipal("account users").setAdd(List.of(Privilege.USE_CATALOG)))));
    assertEquals("shared_sales.orders", b.schemas().get("shared_sales.orders").getFullName());
    assertEquals("account users", b.grants().get("catalog", "shared_sales").getPrivilegeAssignments().iterator().next().getPrincipal());
    assertThrows(BadRequest.class, () -> b.catalogs().create(new CreateCatalog().setName("shared_sales")),
        "one namespace for both workspaces");
  }

  @Test
  void isolatedCatalogIsVisibleOnlyWhereBound() {
    a.catalogs().create(new CreateCatalog().setName("source_only"));
    a.catalogs().update(new UpdateCatalog().setName("source_only").setIsolationMode(CatalogIsolationMode.ISOLATED));
    a.workspaceBindings().updateBindings(new UpdateWorkspaceBindingsParameters().setSecurableType("catalog")
        .setSecurableName("source_only").setAdd(List.of(new WorkspaceBinding().setWorkspaceId(SOURCE_ID))));
    assertEquals("source_only", a.catalogs().get("source_only").getName());
    assertThrows(PermissionDenied.class, () -> b.catalogs().get("source_only"));
    assertFalse(UcSdkTest.all(b.catalogs().list(new ListCatalogsRequest())).stream()
        .anyMatch(c -> c.getName().equals("source_only")));

    b.workspaceBindings().updateBindings(new UpdateWorkspaceBindingsParameters().setSecurableType("catalog")
        .setSecurableName("source_only").setAdd(List.of(new WorkspaceBinding().setWorkspaceId(TARGET_ID))));
    CatalogInfo seen = b.catalogs().get("source_only");
    assertEquals(CatalogIsolationMode.ISOLATED, seen.getIsolationMode());
  }

  /** Stress: writers in both workspaces create catalogs concurrently, half the names contended. */
  @Test
  void concurrentWritersThroughBothWorkspacesLoseNothing() throws Exception {
    int threadsPerWorkspace = 4;
    int perThread = 15;
    ExecutorService pool = Executors.newFixedThreadPool(threadsPerWorkspace * 2);
    CountDownLatch go = new CountDownLatch(1);
    Set<String> created = ConcurrentHashMap.newKeySet();
    AtomicInteger conflicts = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threadsPerWorkspace * 2; t++) {
        WorkspaceClient client = t % 2 == 0 ? a : b;
        int thread = t;
        futures.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < perThread; i++) {
            // even i: a name only this thread uses; odd i: a name every thread races for
            String name = i % 2 == 0 ? "stress_" + thread + "_" + i : "stress_shared_" + i;
            try {
              client.catalogs().create(new CreateCatalog().setName(name));
              assertTrue(created.add(name), "created twice: " + name);
            } catch (BadRequest e) {
              assertEquals("CATALOG_ALREADY_EXISTS", e.getErrorCode());
              conflicts.incrementAndGet();
            }
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    int unique = threadsPerWorkspace * 2 * ((perThread + 1) / 2);
    int shared = perThread / 2;
    assertEquals(unique + shared, created.size());
    assertEquals(threadsPerWorkspace * 2 * perThread - created.size(), conflicts.get());
    for (WorkspaceClient client : List.of(a, b)) {
      Set<String> listed = new java.util.TreeSet<>();
      UcSdkTest.all(client.catalogs().list(new ListCatalogsRequest().setMaxResults(7L))).forEach(c -> {
        if (c.getName().startsWith("stress_")) {
          assertTrue(listed.add(c.getName()), "listed twice: " + c.getName());
        }
      });
      assertEquals(new java.util.TreeSet<>(created), listed);
      for (String name : created) {
        assertEquals(2, UcSdkTest.all(client.schemas().list(name)).size(), name + " has its auto-created schemas");
      }
    }
  }
}
