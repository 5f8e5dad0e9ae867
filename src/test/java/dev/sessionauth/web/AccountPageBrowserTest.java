package dev.sessionauth.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.sessionauth.support.Api;
import dev.sessionauth.support.Database;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Drives the account page in a real headless Chromium: sign-in form, HttpOnly cookie, revocation and logout, all under
 * the page's Content-Security-Policy, which the browser must enforce.
 */
@QuarkusTest
@EnabledIf(value = "browserInstalled", disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)")
class AccountPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String ME = "/api/v1/users/me";
    private static final String SESSIONS = "/api/v1/auth_session/sessions";
    private static final By SESSION_ROWS = By.cssSelector("#sessions tbody tr");
    private static final By CURRENT_SESSION_ROW = By.cssSelector("#sessions tbody tr[data-current='true']");
    /**
     * The test uses no DevTools, so no selenium-devtools-vNNN binding is on the class path and Selenium's warning
     * at every start that none matches this Chromium is noise. Held here so the level is not garbage collected.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    @TestHTTPResource("/")
    URL page;

    @Inject
    Database database;

    private Path profile;
    private WebDriver driver;
    private WebDriverWait wait;
    /** The browser console so far: Selenium hands each entry over once, so they are kept here. */
    private final List<String> console = new ArrayList<>();

    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    @BeforeEach
    void startBrowser() throws IOException {
        profile = Files.createTempDirectory("chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // CI runs as root (no sandbox possible) on a machine whose only network is loopback: without the
        // background-networking flags Chromium keeps trying to reach Google's services at every start.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        // The console is where Chromium reports what the Content-Security-Policy refused.
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        // An explicit driver executable keeps Selenium Manager from trying to download a driver.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, TIMEOUT);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            deleteRecursively(profile);
        }
    }

    @Test
    void shouldSignInThroughTheFormAndKeepTheSessionCookieAwayFromScripts() {
        String email = Api.uniqueEmail();
        Api.createUser(email);

        signIn(email, Api.PASSWORD);

        wait.until(textToBe(By.id("me-email"), email));
        assertThat(driver.findElement(By.id("me-role")).getText(), equalTo("user"));
        WebElement current = wait.until(visibilityOfElementLocated(CURRENT_SESSION_ROW));
        assertThat(current.getText(), containsString("This session"));
        assertThat(current.getText(), containsString("Chrome"));

        Object scriptCookies = ((JavascriptExecutor) driver).executeScript("return document.cookie");
        assertThat((String) scriptCookies, not(containsString(Api.COOKIE)));
        Cookie cookie = driver.manage().getCookieNamed(Api.COOKIE);
        assertThat(cookie, notNullValue());
        assertThat(cookie.isHttpOnly(), equalTo(true));
        given().cookie(Api.COOKIE, cookie.getValue()).get(ME).then().statusCode(200).body("email", equalTo(email));

        // Only the service can tell whether the HttpOnly cookie still holds a session, so a reload asks it.
        driver.navigate().refresh();
        wait.until(textToBe(By.id("me-email"), email));
    }

    @Test
    void shouldShowAUsersGroupsAndNoGroupAdministration() {
        String email = Api.uniqueEmail();
        String id = Api.createUser(email);
        String group = Api.newGroupWith(id);

        signIn(email, Api.PASSWORD);

        wait.until(textToBe(By.id("me-groups"), group));
        assertThat(driver.findElement(By.id("groups-admin")).isDisplayed(), equalTo(false));
    }

    @Test
    void shouldLetAnAdministratorCreateAGroupAndAddAndRemoveAMemberByEmailOrId() {
        String email = Api.uniqueEmail();
        String id = Api.createUser(email);
        String group = Api.uniqueGroupName();

        signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        wait.until(visibilityOfElementLocated(By.id("groups-admin")));
        driver.findElement(By.id("group-name")).sendKeys(group);
        driver.findElement(By.id("group-create-button")).click();
        wait.until(visibilityOfElementLocated(By.cssSelector("#group-list li[data-group='" + group + "']")));

        driver.findElement(By.id("member-group")).sendKeys(group);
        driver.findElement(By.id("member-user")).sendKeys(email);
        driver.findElement(By.id("member-add-button")).click();
        wait.until(driver -> Api.asAdmin().get("/api/v1/users/" + id).jsonPath().getList("groups").contains(group));

        driver.findElement(By.id("member-user")).clear();
        driver.findElement(By.id("member-user")).sendKeys(id);
        driver.findElement(By.id("member-remove-button")).click();
        wait.until(driver -> Api.asAdmin().get("/api/v1/users/" + id).jsonPath().getList("groups").isEmpty());
        assertThat(driver.findElement(By.id("error")).isDisplayed(), equalTo(false));
        assertThat(policyViolations(), empty());
    }

    @Test
    void shouldRevokeAnotherSessionFromTheList() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        String otherToken = Api.login(email, Api.PASSWORD);
        String otherId = given().cookie(Api.COOKIE, otherToken).get(SESSIONS).then().statusCode(200)
                .extract().path("find { it.current }.id");
        By otherRow = By.cssSelector("#sessions tbody tr[data-session-id='" + otherId + "']");

        signIn(email, Api.PASSWORD);
        wait.until(numberOfElementsToBe(SESSION_ROWS, 2));
        driver.findElement(otherRow).findElement(By.className("revoke-button")).click();

        wait.until(numberOfElementsToBe(otherRow, 0));
        List<WebElement> rows = wait.until(numberOfElementsToBe(SESSION_ROWS, 1));
        assertThat(rows.get(0).getDomAttribute("data-current"), equalTo("true"));
        given().cookie(Api.COOKIE, otherToken).get(ME).then().statusCode(403);
        assertThat(driver.findElement(By.id("error")).isDisplayed(), equalTo(false));
    }

    @Test
    void shouldListSessionsBeyondTheFirstPage() {
        String email = Api.uniqueEmail();
        UUID userId = UUID.fromString(Api.createUser(email));
        signIn(email, Api.PASSWORD);
        wait.until(numberOfElementsToBe(SESSION_ROWS, 1));
        // More than a login would leave (MAX_SESSIONS_PER_USER), so they are made after it.
        Instant earlier = Instant.now().minus(Duration.ofMinutes(10));
        for (int i = 0; i < 104; i++) {
            database.insertSession(userId, earlier.plusMillis(i));
        }

        driver.navigate().refresh();

        wait.until(numberOfElementsToBe(SESSION_ROWS, 105));
        assertThat(driver.findElements(CURRENT_SESSION_ROW).size(), equalTo(1));
        assertThat(driver.findElement(By.id("error")).isDisplayed(), equalTo(false));
    }

    @Test
    void shouldForgetASessionCookieTheServiceRefuses() {
        driver.get(page.toString());
        wait.until(visibilityOfElementLocated(By.id("login-form")));
        driver.manage().addCookie(new Cookie(Api.COOKIE, "A".repeat(43), "/"));

        driver.navigate().refresh();

        wait.until(visibilityOfElementLocated(By.id("login-form")));
        wait.until(browser -> browser.manage().getCookieNamed(Api.COOKIE) == null);
        assertThat(driver.findElement(By.id("error")).isDisplayed(), equalTo(false));
    }

    @Test
    void shouldReturnToTheLoginFormOnLogoutAndEndTheSession() {
        String email = Api.uniqueEmail();
        Api.createUser(email);
        signIn(email, Api.PASSWORD);
        wait.until(textToBe(By.id("me-email"), email));
        String token = driver.manage().getCookieNamed(Api.COOKIE).getValue();

        driver.findElement(By.id("logout-button")).click();

        wait.until(visibilityOfElementLocated(By.id("login-form")));
        wait.until(invisibilityOfElementLocated(By.id("account")));
        assertThat(driver.manage().getCookieNamed(Api.COOKIE), nullValue());
        given().cookie(Api.COOKIE, token).get(ME).then().statusCode(403);
    }

    @Test
    void shouldShowTheApiErrorWhenTheLoginIsRefused() {
        String email = Api.uniqueEmail();
        Api.createUser(email);

        signIn(email, "not the password");

        wait.until(textToBe(By.id("error"), "wrong password"));
        assertThat(driver.findElement(By.id("login-form")).isDisplayed(), equalTo(true));
        assertThat(driver.findElement(By.id("account")).isDisplayed(), equalTo(false));
        assertThat(driver.manage().getCookieNamed(Api.COOKIE), nullValue());
    }

    @Test
    void shouldWorkUnderItsContentSecurityPolicyWithoutAViolation() {
        String email = Api.uniqueEmail();
        Api.createUser(email);

        signIn(email, Api.PASSWORD);
        wait.until(textToBe(By.id("me-email"), email));
        wait.until(visibilityOfElementLocated(CURRENT_SESSION_ROW));
        driver.findElement(By.id("logout-button")).click();
        wait.until(visibilityOfElementLocated(By.id("login-form")));

        assertThat(policyViolations(), empty());
    }

    @Test
    void shouldRefuseAnInjectedInlineScript() {
        driver.get(page.toString());
        wait.until(visibilityOfElementLocated(By.id("email")));

        // What an HTML injection would add to the page: the policy must keep it from running.
        ((JavascriptExecutor) driver).executeScript("const script = document.createElement('script');"
                + "script.textContent = 'document.body.dataset.injected = \"ran\"';"
                + "document.body.append(script);");

        assertThat(driver.findElement(By.tagName("body")).getDomAttribute("data-injected"), nullValue());
        wait.until(browser -> policyViolations().stream().anyMatch(line -> line.contains("script-src")));
    }

    @Test
    void shouldRefuseToBeFramedEvenByItself() {
        driver.get(page.toString());
        wait.until(visibilityOfElementLocated(By.id("email")));

        // frame-ancestors 'none' refuses every framing page, its own origin included, so the test needs no other site.
        ((JavascriptExecutor) driver).executeScript("const frame = document.createElement('iframe');"
                + "frame.src = location.href;"
                + "document.body.append(frame);");
        driver.switchTo().frame(0);

        // Chromium shows its own error page in place of a document that refuses to be framed (and logs nothing).
        wait.until(browser -> String.valueOf(((JavascriptExecutor) browser).executeScript("return document.URL"))
                .startsWith("chrome-error:"));
        assertThat(driver.findElements(By.id("login-form")), empty());
    }

    /** Opens the page, waits for it to find no session and show the form, and submits it. */
    private void signIn(String email, String password) {
        driver.get(page.toString());
        WebElement emailField = wait.until(visibilityOfElementLocated(By.id("email")));
        emailField.sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-button")).click();
    }

    /** The console lines so far in which Chromium reports a Content-Security-Policy violation. */
    private List<String> policyViolations() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            console.add(entry.getMessage());
        }
        return console.stream().filter(line -> line.contains("Content Security Policy")).toList();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
