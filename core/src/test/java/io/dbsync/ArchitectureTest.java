package io.dbsync;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.dbsync.kind.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package layers of core (docs/architecture.md), so that an arrow back up fails the build
 * instead of arriving one commit at a time. From the ground up: lock, tf, tf.expr, tf.config, config,
 * client, git, dag, crypto, demo; mapping (on the ground floor only); kind and state; plan and report;
 * apply, export and assess; importer (the facade);
 * cli and bench (other modules) on top.
 */
class ArchitectureTest {
  private static JavaClasses core;

  /** core's main classes only (the emulator, also on the test class path, is not core). */
  @BeforeAll
  static void load() throws URISyntaxException {
    Path mainClasses = Path.of(Kind.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPath(mainClasses);
  }

  private static void check(ArchRule rule) {
    rule.check(core);
  }

  @Test
  void theRulesSeeEveryPackageOfCore() {
    for (String pkg : List.of("apply", "assess", "client", "config", "crypto", "dag", "demo", "export", "git",
        "importer", "kind", "lock", "mapping", "plan", "report", "state", "tf")) {
      assertTrue(core.containPackage("io.dbsync." + pkg), pkg);
    }
  }

  @Test
  void theTopLevelPackagesFormNoCycle() {
    check(slices().matching("io.dbsync.(*)..").should().beFreeOfCycles());
  }

  @Test
  void onlyTheFacadeUsesTheImporter() {
    check(noClasses().that().resideOutsideOfPackage("io.dbsync.importer..")
        .should().dependOnClassesThat().resideInAPackage("io.dbsync.importer..")
        .because("importer is the facade on top: plan, apply and tf are below it"));
  }

  @Test
  void onlyTheCommandsUseTheAssessment() {
    check(noClasses().that().resideOutsideOfPackage("io.dbsync.assess..")
        .should().dependOnClassesThat().resideInAPackage("io.dbsync.assess..")
        .because("assess sits on top, beside the export and import facades"));
  }

  @Test
  void kindsKnowNothingOfTheEngines() {
    check(noClasses().that().resideInAPackage("io.dbsync.kind..")
        .should().dependOnClassesThat().resideInAnyPackage("io.dbsync.export..", "io.dbsync.plan..",
            "io.dbsync.apply..", "io.dbsync.state..", "io.dbsync.importer..", "io.dbsync.report..", "io.dbsync.assess..")
        .because("a kind sees only its contexts; the engines drive the kinds"));
  }

  @Test
  void theGroundFloorDependsOnNothingAbove() {
    check(noClasses().that().resideInAnyPackage("io.dbsync.tf..", "io.dbsync.config..", "io.dbsync.client..",
            "io.dbsync.git..", "io.dbsync.dag..", "io.dbsync.lock..", "io.dbsync.crypto..")
        .should().dependOnClassesThat().resideInAnyPackage("io.dbsync.kind..", "io.dbsync.state..",
            "io.dbsync.plan..", "io.dbsync.apply..", "io.dbsync.export..", "io.dbsync.report..",
            "io.dbsync.importer..", "io.dbsync.demo..")
        .because("config reading, expressions, the REST client, git, the DAG walker and OpenPGP are the ground floor"));
    check(noClasses().that().resideInAPackage("io.dbsync.crypto..")
        .should().dependOnClassesThat().resideInAnyPackage("io.dbsync.tf..", "io.dbsync.config..", "io.dbsync.client..",
            "io.dbsync.git..", "io.dbsync.dag..")
        .because("OpenPGP depends on BouncyCastle only"));
  }

  @Test
  void theMappingStandsOnTheGroundFloorOnly() {
    check(noClasses().that().resideInAPackage("io.dbsync.mapping..")
        .should().dependOnClassesThat().resideInAnyPackage("io.dbsync.kind..", "io.dbsync.state..",
            "io.dbsync.plan..", "io.dbsync.apply..", "io.dbsync.export..", "io.dbsync.report..",
            "io.dbsync.importer..", "io.dbsync.demo..")
        .because("the mapping translates a configuration before planning; no kind or engine is known to it"));
  }

  @Test
  void thePlanAndStateAreDataBelowTheApply() {
    check(noClasses().that().resideInAnyPackage("io.dbsync.plan..", "io.dbsync.state..")
        .should().dependOnClassesThat().resideInAnyPackage("io.dbsync.apply..", "io.dbsync.export..")
        .because("as in terraform, the plan and state models never import the engine that applies them"));
  }

  @Test
  void reportsDoNotKnowTheExporter() {
    check(noClasses().that().resideInAPackage("io.dbsync.report..")
        .should().dependOnClassesThat().resideInAnyPackage("io.dbsync.export..", "io.dbsync.kind..")
        .because("the export run builds the report, not the other way round"));
  }

  @Test
  void nothingInCoreKnowsTheCommandsOrTheBenchmarksOrTheEmulator() {
    check(noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("io.dbsync.cli..", "io.dbsync.bench..", "io.dbsync.emulator..")
        .because("the CLI and benchmarks sit on top; the emulator is a test instrument"));
  }
}
