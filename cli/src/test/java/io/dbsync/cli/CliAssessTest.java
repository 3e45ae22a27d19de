package io.dbsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Clients;
import io.dbsync.client.Rest;
import io.dbsync.demo.SampleWorkspace;
import io.dbsync.emulator.Cloud;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.EmulatorOptions;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * assess through the command, as an admin types it: a console summary, -o json, and the HTML page
 * opened in a real headless Chromium, where every section (the mapping entries to add among them)
 * shows what the JSON says and the page loads
 * nothing from anywhere. Neither workspace receives a write.
 */
class CliAssessTest {
  private static final String CONFIG = """
      name: dr-assess
      objects:
        notebook:
          notebook_path: "/Shared"
        cluster_policy: {}
        instance_pool: {}
        secret: {}
        cluster: {}
        job: {}
      """;

  @TempDir
  Path tmp;

  @Test
  void assessWritesNothingAndItsPageShowsEverySection() throws Exception {
    EmulatorOptions azure = new EmulatorOptions();
    azure.cloud = Cloud.AZURE;
    try (Emulator source = new Emulator().start(); Emulator target = new Emulator(azure).start()) {
      new SampleWorkspace(Clients.forHost(source.url(), source.token())).populate();
      Rest.post(Clients.forHost(target.url(), target.token()), "/api/2.0/secrets/scopes/create", TfJson.object().put("scope", "etl"));
      Path cfg = tmp.resolve("databrickscfg");
      Files.writeString(cfg, "[src]\nhost = " + source.url() + "\ntoken = " + source.token()
          + "\n\n[dst]\nhost = " + target.url() + "\ntoken = " + target.token() + "\n");
      Map<String, String> env = Map.of("DATABRICKS_CONFIG_FILE", cfg.toString());
      Path config = tmp.resolve("export.yaml");
      Files.writeString(config, CONFIG);
      Path reports = tmp.resolve("reports");
      // covers the instance profiles; the node type it names the target does not offer: one entry to add
      Path mapping = tmp.resolve("mapping.yaml");
      Files.writeString(mapping, "instance_profiles: {\"*\": null}\nnode_types: {\"i3.xlarge\": \"Standard_Nope\"}\n");
      String entry = "node_types: {\"i3.xlarge\": \"<azure node type>\"}";
      source.requests().reset();
      target.requests().reset();

      CliRunner.Result run = CliRunner.run(env, "assess", "--profile", "src", "--target-profile", "dst",
          "-c", config.toString(), "--report-dir", reports.toString(), "--mapping", mapping.toString());
      assertEquals(0, run.exitCode(), run.out() + run.err());
      assertTrue(run.out().contains("  Mapping (aws -> azure, " + mapping + "): "), run.out());
      assertTrue(run.out().contains("node type i3.xlarge (as Standard_Nope) is not offered by the target workspace"), run.out());
      assertTrue(run.out().contains("add: " + entry), run.out());
      assertTrue(run.out().contains("Assessment of " + source.url() + " -> " + target.url()), run.out());
      assertTrue(run.out().contains("missing in the target"), run.out());
      assertTrue(run.out().contains("Export: ") && run.out().contains("API calls"), run.out());
      assertEquals(List.of(), nonGets(source), "no write to the source");
      assertEquals(List.of(), nonGets(target), "no write to the target");

      CliRunner.Result json = CliRunner.run(env, "assess", "-p", "src", "--target-profile", "dst", "-c", config.toString(), "-o", "json");
      assertEquals(0, json.exitCode(), json.err());
      JsonNode doc = TfJson.MAPPER.readTree(json.out());
      assertTrue(doc.path("estimates").path("export").path("total_calls").asLong() > 0, json.out());
      assertEquals("azure", doc.at("/mapping/target_cloud").asText(), json.out());
      JsonNode saved = TfJson.MAPPER.readTree(reports.resolve("assess-report.json").toFile());
      assertEquals(mapping.toString(), saved.at("/mapping/file").asText());
      List<String> entries = new ArrayList<>();
      saved.at("/mapping/needs").forEach(n -> entries.add(n.path("entry").asText()));
      assertEquals(List.of(entry), entries);

      CliRunner.Result missing = CliRunner.run(env, "assess", "-p", "src", "-c", config.toString(), "--mapping",
          tmp.resolve("nope.yaml").toString());
      assertEquals(2, missing.exitCode(), missing.err());
      assertTrue(missing.err().contains("mapping file not found: "), missing.err());
      Path page = reports.resolve("assess-report.html");

      ChromeDriver browser = HeadlessChromium.start(tmp.resolve("chromium-profile"));
      try {
        browser.get(page.toUri().toString());
        assertEquals("databricks-sync assessment: dr-assess", browser.getTitle());
        for (String id : List.of("summary", "kinds", "skipped", "principals", "mapping", "secrets", "adopted", "estimates",
            "warnings", "failures", "notes")) {
          assertTrue(browser.findElement(By.id(id)).isDisplayed(), id);
        }
        int listed = 0;
        for (JsonNode k : saved.path("kinds")) {
          listed += k.path("listed").asInt();
        }
        assertEquals(String.valueOf(listed), card(browser, "objects").getAttribute("data-count"));
        assertEquals(saved.path("kinds").size(), browser.findElements(By.cssSelector("#kinds tbody tr")).size());
        WebElement group = browser.findElement(By.cssSelector("#principals tr[data-principal='data-engineers'] td.missing"));
        assertEquals("missing", group.getText());
        assertTrue(card(browser, "principals-missing").getAttribute("class").contains("bad"));
        List<WebElement> needs = browser.findElements(By.cssSelector("#mapping tr.need code.entry"));
        assertEquals(List.of(entry), needs.stream().map(WebElement::getText).toList());
        assertEquals("1", card(browser, "mapping-needs").getAttribute("data-count"));
        assertTrue(card(browser, "mapping-needs").getAttribute("class").contains("bad"));
        assertTrue(browser.findElement(By.cssSelector("#mapping .meta")).getText().startsWith("aws -> azure"));
        assertTrue(browser.findElement(By.id("adopted")).getText().contains("secret_scope"));
        assertTrue(browser.findElement(By.id("estimate-export")).getText().contains("API calls"));
        Object loaded = browser.executeScript("return performance.getEntriesByType('resource').length");
        assertEquals(0L, ((Number) loaded).longValue(), "the page loads nothing: no external asset");
        Object external = browser.executeScript(
            "return document.querySelectorAll('script, link, img, iframe, [src], [href]').length");
        assertEquals(0L, ((Number) external).longValue());
        Object styled = browser.executeScript(
            "return getComputedStyle(document.querySelector('.card.bad')).borderTopColor");
        assertEquals("rgb(217, 83, 79)", styled, "the inline stylesheet applies");
        Files.write(tmp.resolve("assess.png"), browser.getScreenshotAs(OutputType.BYTES));
      } finally {
        browser.quit();
      }
    }
  }

  private static WebElement card(ChromeDriver browser, String section) {
    return browser.findElement(By.cssSelector("#summary [data-section='" + section + "']"));
  }

  private static List<String> nonGets(Emulator ws) {
    List<String> out = new ArrayList<>();
    ws.requests().toJson().path("by_route").properties().forEach(e -> {
      if (!e.getKey().startsWith("GET ")) {
        out.add(e.getKey());
      }
    });
    return out;
  }
}
