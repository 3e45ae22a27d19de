package io.dbsync.cli;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium and ChromeDriver (packages chromium, chromium-driver, which .ci/run installs),
 * driven by Selenium: headless, sandbox off (tests run as root), no background networking (the machine
 * has no network), a fresh profile per run. Missing binaries skip the test locally and fail it in CI.
 */
final class HeadlessChromium {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  static ChromeDriver start(Path profileDir) {
    boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    if (System.getenv("CI") != null) {
      assertTrue(installed, "CI must have " + BROWSER + " and " + DRIVER + " (.ci/run installs chromium and chromium-driver)");
    }
    assumeTrue(installed, "Chromium is not installed (apt-get install chromium chromium-driver): browser test skipped");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
    ChromeOptions options = new ChromeOptions().setBinary(new File(BROWSER.toString()));
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,2000", "--user-data-dir=" + profileDir.toAbsolutePath());
    return new ChromeDriver(service, options);
  }
}
