package io.dbsync.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.apply.AppliedAction;
import io.dbsync.dag.DagExecutor;
import io.dbsync.kind.ImportFamilies;
import io.dbsync.plan.Action;
import io.dbsync.plan.PlannedChange;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OverlappedVerification} driven by the real {@link DagExecutor} over random plans of 3,000
 * changes in 13 API families at parallelism 16, with random failures (and the changes they make not
 * attempted): every written address is verified exactly once, never before the last change of its
 * family settled, and the merged verification is the one a single round at the end would give.
 */
class OverlappedVerificationStressTest {
  private static final int CHANGES = 3_000;
  private static final int PARALLELISM = 16;
  private static final int RUNS = 10;
  private static final List<String> TYPES = List.of("databricks_notebook", "databricks_group", "databricks_job",
      "databricks_cluster", "databricks_secret_scope", "databricks_permissions", "databricks_dbfs_file",
      "databricks_pipeline", "databricks_sql_endpoint", "databricks_repo", "databricks_instance_pool",
      "databricks_cluster_policy", "no_family_type");
  private static final List<Action> ACTIONS = List.of(Action.CREATE, Action.CREATE, Action.CREATE, Action.CREATE,
      Action.UPDATE, Action.REPLACE, Action.ADOPT, Action.DELETE, Action.RELEASE);

  @Test
  void everyWrittenAddressIsVerifiedOnceAfterItsFamilySettled() throws Exception {
    for (int run = 0; run < RUNS; run++) {
      check(new Random(3000 + run));
    }
  }

  /** A signal halfway through: the families that settled before it are verified, no other round starts. */
  @Test
  void noRoundStartsOnceTheRunIsStopping() throws Exception {
    Map<String, PlannedChange> plan = randomPlan(new Random(7));
    AtomicBoolean stopping = new AtomicBoolean(false);
    AtomicInteger settled = new AtomicInteger();
    Map<String, Integer> lastSettledOfFamily = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> verified = new ConcurrentLinkedQueue<>();
    AtomicBoolean deletedChecked = new AtomicBoolean();
    OverlappedVerification v = new OverlappedVerification(List.copyOf(plan.values()), new OverlappedVerification.Checks() {
      @Override
      public OverlappedVerification.Round written(Set<String> addresses) {
        verified.addAll(addresses);
        return new OverlappedVerification.Round(List.of(), Map.of());
      }

      @Override
      public List<Verification.Difference> deleted(List<PlannedChange> deleted) {
        deletedChecked.set(true);
        return List.of();
      }
    }, stopping::get);
    Map<String, DagExecutor.Outcome<String>> outcomes = DagExecutor.run(graph(plan), PARALLELISM,
        inPlanOrder(plan), n -> false, n -> n, (node, o) -> {
          int place = settled.incrementAndGet();
          lastSettledOfFamily.merge(family(plan.get(node)), place, Math::max);
          if (place == CHANGES / 2) {
            stopping.set(true);
          }
          v.settled(node, o.ok());
        });
    assertNull(v.finish(applied(plan, outcomes)), "no verification once the run is stopping");
    assertTrue(!deletedChecked.get(), "nothing is checked after the apply");
    assertTrue(!verified.isEmpty(), "the families settled before the signal were verified");
    for (String a : verified) {
      assertTrue(lastSettledOfFamily.get(family(plan.get(a))) < CHANGES / 2, a + " was verified after the signal");
    }
  }

  private static void check(Random random) throws Exception {
    Map<String, PlannedChange> plan = randomPlan(random);
    Set<String> failing = new TreeSet<>();
    plan.keySet().forEach(a -> {
      if (random.nextInt(100) < 3) {
        failing.add(a);
      }
    });
    Map<String, Integer> familySize = new HashMap<>();
    plan.values().forEach(c -> familySize.merge(family(c), 1, Integer::sum));
    Map<String, AtomicInteger> settledInFamily = new ConcurrentHashMap<>();
    Map<String, Integer> verified = new ConcurrentHashMap<>();
    List<String> early = new ArrayList<>();
    AtomicInteger deletedChecks = new AtomicInteger();
    OverlappedVerification v = new OverlappedVerification(List.copyOf(plan.values()), new OverlappedVerification.Checks() {
      @Override
      public OverlappedVerification.Round written(Set<String> addresses) {
        List<Verification.Difference> differences = new ArrayList<>();
        Map<String, ObjectNode> observed = new HashMap<>();
        for (String a : addresses) {
          String family = family(plan.get(a));
          if (settledInFamily.get(family).get() != familySize.get(family)) {
            synchronized (early) {
              early.add(a);
            }
          }
          verified.merge(a, 1, Integer::sum);
          observed.put(a, TfJson.object().put("seen", a));
          if (a.hashCode() % 7 == 0) {
            differences.add(new Verification.Difference(a, "still differs in x"));
          }
          Thread.yield();
        }
        return new OverlappedVerification.Round(differences, observed);
      }

      @Override
      public List<Verification.Difference> deleted(List<PlannedChange> deleted) {
        deletedChecks.incrementAndGet();
        return deleted.stream().filter(d -> d.address().hashCode() % 5 == 0)
            .map(d -> new Verification.Difference(d.address(), "still exists in the target (id " + d.id() + ")")).toList();
      }
    }, () -> false);
    Map<String, DagExecutor.Outcome<String>> outcomes = DagExecutor.run(graph(plan), PARALLELISM,
        inPlanOrder(plan), n -> false, node -> {
          if (failing.contains(node)) {
            throw new IllegalStateException("refused");
          }
          return node;
        }, (node, o) -> {
          settledInFamily.computeIfAbsent(family(plan.get(node)), f -> new AtomicInteger()).incrementAndGet();
          v.settled(node, o.ok());
        });
    List<AppliedAction> applied = applied(plan, outcomes);
    Verification verification = v.finish(applied);

    Set<String> written = new TreeSet<>();
    List<String> deleted = new ArrayList<>();
    applied.forEach(a -> {
      switch (a.action()) {
        case DELETE -> deleted.add(a.address());
        case RELEASE -> { }
        default -> written.add(a.address());
      }
    });
    assertEquals(List.of(), early, "verified before the last change of its family settled");
    assertEquals(written, new TreeSet<>(verified.keySet()), "every written address is verified, nothing else");
    assertTrue(verified.values().stream().allMatch(n -> n == 1), "each exactly once");
    assertEquals(1, deletedChecks.get());
    assertEquals(written, v.observedContentVersions().keySet());
    List<Verification.Difference> expected = new ArrayList<>();
    written.stream().filter(a -> a.hashCode() % 7 == 0).forEach(a -> expected.add(new Verification.Difference(a, "still differs in x")));
    deleted.stream().filter(a -> a.hashCode() % 5 == 0)
        .forEach(a -> expected.add(new Verification.Difference(a, "still exists in the target (id id-" + a + ")")));
    expected.sort(Comparator.comparing(Verification.Difference::address));
    assertEquals(new Verification(true, written.size() + deleted.size(), expected), verification);
  }

  /** Changes c0..c2999 of random types and actions, each waiting for up to three earlier ones. */
  private static Map<String, PlannedChange> randomPlan(Random random) {
    Map<String, PlannedChange> plan = new LinkedHashMap<>();
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < CHANGES; i++) {
      // six families only among the first third: they settle early, their rounds run beside the rest
      String type = TYPES.get(random.nextInt(i < CHANGES / 3 ? TYPES.size() : TYPES.size() - 6));
      String address = type + ".c" + i;
      List<String> deps = new ArrayList<>();
      for (int d = random.nextInt(4); d > 0 && i > 0; d--) {
        deps.add(addresses.get(random.nextInt(i)));
      }
      Action action = ACTIONS.get(random.nextInt(ACTIONS.size()));
      plan.put(address, new PlannedChange(address, type, "c" + i, "id-" + address,
          new PlannedChange.Change(action, null, null, List.of()), deps, Set.of(), null, null, null, false));
      addresses.add(address);
    }
    return plan;
  }

  /** Ready changes start in the plan's order (as an apply starts the slowest family's first). */
  private static DagExecutor.Schedule inPlanOrder(Map<String, PlannedChange> plan) {
    Map<String, Long> priority = new HashMap<>();
    plan.keySet().forEach(a -> priority.put(a, (long) (CHANGES - priority.size())));
    return new DagExecutor.Schedule(priority::get, a -> "", Integer.MAX_VALUE);
  }

  private static Map<String, List<String>> graph(Map<String, PlannedChange> plan) {
    Map<String, List<String>> graph = new TreeMap<>();
    plan.values().forEach(c -> graph.put(c.address(), c.dependencies()));
    return graph;
  }

  /** What the Applier reports: the changes that succeeded. */
  private static List<AppliedAction> applied(Map<String, PlannedChange> plan, Map<String, DagExecutor.Outcome<String>> outcomes) {
    List<AppliedAction> applied = new ArrayList<>();
    outcomes.forEach((address, o) -> {
      if (o.ok()) {
        applied.add(new AppliedAction(address, plan.get(address).action(), o.value()));
      }
    });
    return applied;
  }

  private static String family(PlannedChange c) {
    return ImportFamilies.familyOf(c.type()).orElse("other");
  }
}
