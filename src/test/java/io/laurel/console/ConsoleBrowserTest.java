package io.laurel.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.laurel.support.Bodies;
import io.laurel.support.MemoryStoreResource;
import io.laurel.support.Orgs;
import io.laurel.support.People;
import io.laurel.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The console in a real browser: Debian's headless Chromium driven through its chromedriver. A maker signs in, makes
 * a goodwill request from the form, a checker finds it in the inbox and approves it, and the points arrive; the
 * pages are checked on a laptop-sized and a phone-sized window, every field has a label, and each main screen is
 * saved as a picture in target/console-screenshots (the README's pictures are copies of them).
 */
@QuarkusTest
@WithTestResource(value = MemoryStoreResource.class, scope = TestResourceScope.GLOBAL)
class ConsoleBrowserTest {

    static final String CHROMIUM = System.getenv().getOrDefault("LAUREL_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("LAUREL_CHROMEDRIVER", "/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "console-screenshots");

    static WebDriver browser;
    static Path profile;

    @TestHTTPResource
    URL base;

    @BeforeAll
    static void chromium() throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("The browser tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install chromium chromium-driver (.ci/run does), "
                    + "or point LAUREL_CHROMIUM and LAUREL_CHROMEDRIVER at them");
        }
        profile = Files.createTempDirectory("laurel-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    WebElement find(String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void type(String css, String text) {
        act(css, field -> {
            field.clear();
            field.sendKeys(text);
        });
    }

    /**
     * Does {@code action} on the element {@code css} finds, found again when its page was replaced meanwhile. Chromium
     * (since 134) can report that as "Node with given id does not belong to the document" instead of a stale element.
     */
    void act(String css, Consumer<WebElement> action) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class).until(b -> {
            try {
                action.accept(find(css));
                return true;
            } catch (WebDriverException e) {
                if (replaced(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    static boolean replaced(WebDriverException e) {
        return e instanceof StaleElementReferenceException
                || String.valueOf(e.getMessage()).contains("does not belong to the document");
    }

    void signIn(String username, String password) {
        browser.get(url("/console/sign-in"));
        type("#username", username);
        type("#password", password);
        click("button[type=submit].primary");
    }

    /** Clicks what leads to another page, and waits until that page has replaced this one. */
    void click(String css) {
        WebElement page = browser.findElement(By.tagName("html"));
        act(css, WebElement::click);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> {
            try {
                page.isEnabled();
                return false;
            } catch (WebDriverException e) {
                if (replaced(e)) {
                    return true;
                }
                throw e;
            }
        });
    }

    void shot(String name) throws IOException {
        File picture = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(picture.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Every visible field of the page has a label a screen reader announces. */
    void everyFieldIsLabelled() {
        Object unlabelled = ((JavascriptExecutor) browser).executeScript("return Array.from(document.querySelectorAll("
                + "'input:not([type=hidden]), select, textarea')).filter(f => f.labels.length === 0 "
                + "&& !f.getAttribute('aria-label')).map(f => f.name)");
        assertEquals(List.of(), unlabelled, browser.getCurrentUrl());
    }

    /** Nothing is wider than the window (no sideways scrolling). */
    void fitsTheWindow() {
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertTrue(((Number) overflow).longValue() <= 1, "the page scrolls sideways by " + overflow + " px at "
                + browser.getCurrentUrl());
    }

    String text() {
        return find("main").getText();
    }

    @Test
    void aMakerMakesACheckerApprovesAndThePointsArrive() throws IOException {
        long org = Orgs.fresh();
        String maker = "maker." + org;
        String checker = "checker." + org;
        People.create(org, maker, "CanMakeRequest");
        People.create(org, checker, "CanCheckRequest");
        long customer = Orgs.as(org).contentType(ContentType.JSON).body(Map.of("externalId", "b-" + org,
                "firstName", "Ada")).post("/api_gateway/v1/customers").then().statusCode(201).extract().jsonPath()
                .getLong("data.customerId");

        // Anonymous: the console asks to sign in; a wrong password says so.
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(url("/console"));
        find("#username");
        assertTrue(browser.getTitle().startsWith("Sign in"), browser.getTitle());
        everyFieldIsLabelled();
        shot("sign-in");
        signIn(maker, "not-the-password");
        assertTrue(find("[role=alert]").getText().contains("Wrong username or password."));

        // The maker makes a goodwill request from the form.
        signIn(maker, People.password(maker));
        click("nav a[href='/console/new/goodwill']");
        type("#customerId", Long.toString(customer));
        type("#points", "25");
        type("#programId", "2739");
        type("#reason", "Parcel arrived damaged, ticket 4471");
        type("#storeId", "50682288");
        type("#tillId", "50682289");
        everyFieldIsLabelled();
        shot("new-request");
        click("form button.primary");
        assertTrue(find("[role=status]").getText().contains("Request made"));
        assertTrue(text().contains("Waiting for a checker"), text());
        assertTrue(text().contains("You made this request: another checker decides it."));
        assertTrue(browser.findElements(By.cssSelector("button[value=approved]")).isEmpty(), "self-approval offered");
        String requestId = find("dl.facts code").getText();
        shot("request-made");
        click("form.who button");
        assertTrue(find("[role=status]").getText().contains("You are signed out."));

        // More waiting requests, made over the API, so that the inbox shows a real day's work.
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", Tokens.basic(maker,
                    People.password(maker))).contentType(ContentType.JSON).body(Map.of("entityInfo",
                            Map.of("tillId", "50682290", "storeId", "50682299", "zoneId", "1", "conceptId", "1"),
                            "payload", Map.of("IntouchAPITask-Payload", Map.of("hostname", "", "path",
                                    "/internal/goodwill/", "method", "POST", "body", Bodies
                                            .goodwill(customer, "api-" + UUID.randomUUID(), 10 + i),
                                    "headers", Map.of("content-type", "application/json")))))
                    .post("/api_gateway/v2/request-workflow/GOODWILL-POINTS").then().statusCode(200);
        }

        // The checker finds it in the inbox, filters by maker and store, and approves it.
        signIn(checker, People.password(checker));
        assertTrue(text().contains(requestId), text());
        everyFieldIsLabelled();
        shot("inbox");
        type("#f-maker", maker);
        type("#f-store", "50682288");
        click("form.filters button");
        assertEquals(1, browser.findElements(By.cssSelector("table.rows tbody tr")).size(), text());
        click("a.req");
        assertTrue(text().contains("Parcel arrived damaged"), text());
        assertTrue(text().contains("\"Authorization\"") || !text().contains("Basic "), "a credential shows");
        type("#message", "Checked against ticket 4471");
        everyFieldIsLabelled();
        shot("request-to-check");
        click("button[value=approved]");
        assertTrue(find("[role=status]").getText().contains("Approved"));
        assertTrue(text().contains("Approved and applied"), text());
        assertTrue(text().contains("Checked against ticket 4471"));
        assertTrue(text().contains("approved by " + checker), text());
        assertTrue(text().contains("completed by Laurel"), text());
        assertEquals("25 points", find("#balance").getText());
        shot("request-approved");

        // The points arrived, in the ledger too.
        Orgs.as(org).get("/api_gateway/v1/points/customer/" + customer).then().statusCode(200)
                .body("data.balance", equalTo(25));

        // On a phone: the inbox and a request fit the screen.
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(url("/console"));
        find("main h1");
        fitsTheWindow();
        shot("inbox-phone");
        browser.get(url("/console/requests/" + requestId));
        find("main h1");
        fitsTheWindow();
        shot("request-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }
}
