package dev.runbookbot.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.testing.ExternalBinary;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code runbookctl bot --local} as a person tries it: the packaged jar started as the README says, the page opened in
 * Debian's Chromium (headless, through chromedriver), {@code /runbook run demo-host-health} typed into the command box,
 * the thread with its evidence and Approve button seen, a non-approver's click refused, an approver's click (through
 * the confirm dialog) running the remediation and the recovery check, and the Home tab listing the incident. A
 * screenshot of each step goes to {@code target/workspace-screenshots/}.
 */
class LocalWorkspaceBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Path.of("target", "workspace-screenshots");

    @TempDir
    Path dir;

    private Process bot;
    private final List<String> botOutput = new ArrayList<>();
    private ChromeDriver browser;
    private int port;

    @BeforeEach
    void startBotAndBrowser() throws Exception {
        Path chromium = ExternalBinary.require(Path.of("/usr/bin/chromium"), "chromium");
        Path chromedriver = ExternalBinary.require(Path.of("/usr/bin/chromedriver"), "chromium-driver");
        port = freePort();
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        Path demo = Path.of(System.getProperty("runbookbot.runbooks", "../runbooks"))
                .resolve("demo");
        try (var files = Files.list(demo)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(file).replace("127.0.0.1:8080", "127.0.0.1:" + port);
                Files.writeString(runbooks.resolve(file.getFileName()), text);
            }
        }
        ProcessBuilder launch = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        System.getProperty("runbookbot.jar", "target/runbook-bot.jar"),
                        "bot",
                        "--local")
                .directory(dir.toFile())
                .redirectErrorStream(true);
        launch.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("RUNBOOK_"));
        launch.environment().put("RUNBOOK_DIR", runbooks.toString());
        launch.environment().put("RUNBOOK_WEB_PORT", Integer.toString(port));
        launch.environment().put("RUNBOOK_SETTLE_TIME", "1s");
        bot = launch.start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(url), "bot-output");
        reader.setDaemon(true);
        reader.start();
        String page = url.get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
        assertEquals("http://127.0.0.1:" + port + "/", page, "the URL the bot printed");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,1000",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.get(page);
        Files.createDirectories(SCREENSHOTS);
    }

    private void readOutput(CompletableFuture<String> url) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (botOutput) {
                    botOutput.add(line);
                }
                int at = line.indexOf("open http://");
                if (at >= 0) {
                    url.complete(line.substring(at + 5, line.indexOf(' ', at + 5)));
                }
            }
            url.completeExceptionally(new AssertionError("the bot stopped:\n" + output()));
        } catch (IOException e) {
            url.completeExceptionally(e);
        }
    }

    private String output() {
        synchronized (botOutput) {
            return String.join("\n", botOutput);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (bot != null) {
            bot.destroy();
            if (!bot.waitFor(30, TimeUnit.SECONDS)) {
                bot.destroyForcibly();
            }
        }
    }

    @Test
    void aDemoRunbookRunsEndToEndWithAnApprovalInTheBrowser() throws Exception {
        waitForText(By.id("connection"), "runbook-bot is connected");
        screenshot("1-workspace");

        WebElement command = browser.findElement(By.id("command"));
        command.sendKeys("/runbook run demo-host-health");
        browser.findElement(By.id("send")).click();
        waitFor(By.xpath("//div[contains(@class,'message')][.//*[contains(text(),'Clear the demo"
                + " log')]]//button[@data-action-id='approve']"));
        waitForText(By.id("messages"), "Errors in the demo log");
        String evidence = browser.findElement(By.id("messages")).getText();
        assertTrue(
                evidence.contains("ERROR demo-app timeout calling inventory"),
                "the evidence shows the matching log lines:\n" + evidence);
        assertTrue(
                evidence.contains("\uD83D\uDFE1"), "Slack's :large_yellow_circle: is drawn as the emoji:\n" + evidence);
        screenshot("2-thread-with-evidence");

        choosePerson("U0CAROL");
        click(By.cssSelector("button[data-action-id='approve']"));
        confirmDialog();
        waitForText(By.id("messages"), "only the approvers of runbook demo-host-health may approve");
        screenshot("3-refused-for-a-non-approver");

        choosePerson("U0BOB");
        click(By.cssSelector("button[data-action-id='approve']"));
        confirmDialog();
        waitForText(By.id("messages"), "succeeded");
        waitForText(By.id("messages"), "recovered");
        assertEquals("", Files.readString(Path.of("/tmp/runbook-bot-demo/app.log")), "the demo log was emptied");
        screenshot("4-approved-and-recovered");

        click(By.id("home-link"));
        waitForText(By.id("home"), "INC-1");
        screenshot("5-app-home");
    }

    @Test
    void theWorkspaceListensOnLoopbackOnlyAndRefusesActionsThatAreNotJson() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> form = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/workspace/command"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("as=U0ALICE&channel=C0000001&text=run+x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, form.statusCode(), "a form post (what another site could send) is refused");
        String log = output();
        assertTrue(log.contains("{127.0.0.1:"), "the Slack side of the workspace is bound to 127.0.0.1:\n" + log);
        assertTrue(!log.contains("0.0.0.0"), "nothing binds every address:\n" + log);
    }

    private void choosePerson(String id) {
        new Select(browser.findElement(By.id("person"))).selectByValue(id);
    }

    private void confirmDialog() {
        WebElement confirm = waitFor(By.id("dialog-confirm"));
        assertTrue(confirm.isDisplayed(), "the confirm dialog is shown");
        confirm.click();
    }

    /** Clicks {@code what} once it is shown, finding it again when the page re-rendered it in between (live updates). */
    private void click(By what) {
        new WebDriverWait(browser, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> what + " could not be clicked; bot output:\n" + output())
                .until(d -> {
                    waitFor(what).click();
                    return true;
                });
    }

    private WebElement waitFor(By what) {
        return new WebDriverWait(browser, WAIT)
                .withMessage(() -> what + " did not appear; bot output:\n" + output())
                .until(d -> d.findElements(what).stream()
                        .filter(WebElement::isDisplayed)
                        .findFirst()
                        .orElse(null));
    }

    private void waitForText(By where, String text) {
        new WebDriverWait(browser, WAIT)
                .withMessage(() -> "'" + text + "' did not appear in " + where + ": "
                        + browser.findElement(where).getText() + "\nbot output:\n" + output())
                .until(d -> d.findElement(where).getText().contains(text));
    }

    private void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
