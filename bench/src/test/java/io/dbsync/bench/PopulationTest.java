package io.dbsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Emulator;
import org.junit.jupiter.api.Test;

import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed document creates exactly the population it describes (no HTTP: Emulator.seed directly). */
class PopulationTest {
  private static long count(JsonNode array, java.util.function.Predicate<JsonNode> keep) {
    return StreamSupport.stream(array.spliterator(), false).filter(keep).count();
  }

  @Test
  void seedCreatesEveryObjectOfThePopulation() {
    Population p = Population.standard().scaled(0.1);
    Emulator emulator = new Emulator();
    emulator.seed(p.seed());
    ObjectNode state = emulator.dump();

    // the admin user and the built-in admins/users groups exist before the seed
    assertEquals(p.users() + 1, state.path("scim").path("users").size());
    assertEquals(p.groups() + 2, state.path("scim").path("groups").size());
    assertEquals(p.clusters(), state.path("clusters").size());
    assertEquals(p.jobs(), state.path("jobs").size());
    assertEquals(p.instanceProfiles(), state.path("instance-profiles").size());
    assertEquals(p.initScripts(), state.path("global-init-scripts").size());
    assertEquals(p.secretScopes(), state.path("secrets").path("scopes").size());
    assertEquals(p.notebooks(), count(state.path("workspace"),
        n -> n.path("path").asText().startsWith(Population.NOTEBOOK_ROOT + "/")
            && n.path("object_type").asText().equals("NOTEBOOK")));
    assertEquals(p.dbfsFiles(), count(state.path("dbfs"),
        n -> n.path("path").asText().startsWith(Population.DBFS_ROOT + "/") && !n.path("is_dir").asBoolean()));
    assertEquals(p.pinnedClusters(), count(state.path("clusters"), c -> c.path("pinned").asBoolean()));
    JsonNode groupMembers = state.path("scim").path("groups").get(2).path("members");
    assertEquals(p.membersPerGroup(), groupMembers.size(), state.path("scim").path("groups").get(2).toString());
  }

  /** Issue 9's scale: over 10,000 objects that export to a file of their own, of every kind. */
  @Test
  void theDisasterRecoveryPopulationHasOver10000Objects() {
    Population p = Population.disasterRecovery();
    int objects = p.users() + p.groups() + p.policies() + p.pools() + p.clusters() + p.jobs() + p.notebooks()
        + p.dbfsFiles() + p.secretScopes() + p.instanceProfiles() + p.initScripts();
    assertTrue(objects >= 10_000, objects + " objects");
    assertTrue(p.pinnedClusters() > 0 && p.pinnedClusters() <= 100, "the API pins at most 100 clusters");
  }

  @Test
  void scalingKeepsAtLeastOneOfEachAndTheBigFileSize() {
    Population tiny = Population.standard().scaled(0.001);
    assertEquals(1, tiny.users());
    assertEquals(1, tiny.notebooks());
    assertEquals(1, tiny.bigDbfsFiles());
    assertEquals(Population.standard().bigFileBytes(), tiny.bigFileBytes());
    assertTrue(tiny.describe().startsWith("1 users, 1 groups"), tiny.describe());
  }
}
