package io.laurel.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.laurel.badge.BadgeListQuery;
import io.laurel.badge.BadgeMetaService;
import io.laurel.common.ApiException;
import io.laurel.common.Paging;
import io.laurel.identity.Caller;
import io.laurel.identity.LaurelAuthMechanism;
import io.laurel.identity.PasswordVerifier;
import io.laurel.identity.Roles;
import io.laurel.identity.TokenService;
import io.laurel.identity.TokenView;
import io.laurel.identity.UserService;
import io.laurel.points.GoodwillService;
import io.laurel.workflow.WorkflowQuery;
import io.laurel.workflow.WorkflowRequests;
import io.laurel.workflow.WorkflowService;
import io.laurel.workflow.WorkflowView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * The checker console: server-rendered pages for people. Sign in with a username and password (the session is a
 * token in an HttpOnly, SameSite=Strict cookie scoped to /console); the inbox of requests waiting for a checker, with
 * filters; a request with its payload (every credential masked), history and the approve, reject or cancel forms;
 * the maker's own requests and forms to make goodwill and earn-badge requests. Every action goes through the same
 * workflow service as the API, so its rules (no self-approval, deadlines, one decision) hold here too. Every form
 * carries a token derived from the session cookie, checked on each POST.
 */
@Path(LaurelAuthMechanism.CONSOLE_PATH)
@PermitAll // every page checks the session itself and sends the anonymous to sign-in, rather than a 401
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    static final String COOKIE = LaurelAuthMechanism.CONSOLE_COOKIE;
    static final int PAGE_SIZE = 20;

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance signIn(String error, String username, String notice);

        static native TemplateInstance inbox(ConsoleViews.Chrome chrome, ConsoleViews.Listing listing, String notice,
                String error);

        static native TemplateInstance mine(ConsoleViews.Chrome chrome, ConsoleViews.Listing listing, String notice,
                String error);

        static native TemplateInstance request(ConsoleViews.Chrome chrome, ConsoleViews.Detail detail, String notice,
                String error);

        static native TemplateInstance make(ConsoleViews.Chrome chrome, ConsoleViews.MakerForm form, String error);
    }

    private final CurrentIdentityAssociation identities;
    private final PasswordVerifier verifier;
    private final TokenService tokens;
    private final WorkflowService workflow;
    private final UserService users;
    private final BadgeMetaService badges;
    private final GoodwillService points;
    private final ConsolePresenter present;

    ConsoleResource(CurrentIdentityAssociation identities, PasswordVerifier verifier, TokenService tokens,
            WorkflowService workflow, UserService users, BadgeMetaService badges, GoodwillService points,
            ObjectMapper json) {
        this.points = points;
        this.identities = identities;
        this.verifier = verifier;
        this.tokens = tokens;
        this.workflow = workflow;
        this.users = users;
        this.badges = badges;
        this.present = new ConsolePresenter(json);
    }

    // ---- sign in and out ----

    @GET
    @Path("/sign-in")
    @Operation(hidden = true)
    public TemplateInstance signInPage(@QueryParam("signedOut") String signedOut) {
        return Templates.signIn(null, "", signedOut != null ? "You are signed out." : null);
    }

    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<Object>> signIn(@RestForm String username, @RestForm String password,
            @Context UriInfo uri) {
        String name = username == null ? "" : username.trim();
        return verifier.verify(name, password == null ? "" : password)
                .map(user -> {
                    if (user == null) {
                        return RestResponse.status(RestResponse.Status.UNAUTHORIZED,
                                (Object) Templates.signIn("Wrong username or password.", name, null));
                    }
                    TokenView token = tokens.issue(user);
                    return RestResponse.ResponseBuilder.<Object>seeOther(URI.create(LaurelAuthMechanism.CONSOLE_PATH))
                            .cookie(session(token.accessToken(), (int) token.expiresIn(), uri)).build();
                })
                .onFailure(ApiException.class).recoverWithItem(e -> RestResponse.status(
                        RestResponse.Status.fromStatusCode(((ApiException) e).errorCode().status().getStatusCode()),
                        (Object) Templates.signIn(why(e), name, null)));
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public RestResponse<Object> signOut(@Context UriInfo uri) {
        return RestResponse.ResponseBuilder.<Object>seeOther(URI.create(LaurelAuthMechanism.CONSOLE_PATH
                + "/sign-in?signedOut=1")).cookie(session("", 0, uri)).build();
    }

    // ---- checker: the inbox ----

    @GET
    @Operation(hidden = true)
    public Uni<RestResponse<Object>> inbox(@QueryParam("type") String type, @QueryParam("maker") String maker,
            @QueryParam("store") String store, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") String page, @QueryParam("done") String done,
            @CookieParam(COOKIE) String cookie) {
        return signedIn(caller -> {
            if (!caller.has(Roles.CAN_CHECK_REQUEST)) {
                return Uni.createFrom().item(RestResponse.seeOther(URI.create(LaurelAuthMechanism.CONSOLE_PATH
                        + "/mine" + (done == null ? "" : "?done=" + encode(done)))));
            }
            ConsoleViews.Chrome chrome = chrome(caller, "Inbox", "inbox", cookie);
            Map<String, String> filters = filters("type", type, "maker", maker, "store", store, "from", from, "to", to);
            return makerId(caller, maker)
                    .chain(makerId -> list(caller, filters, WorkflowQuery.parse(type, "AdminTask", makerId, null, store,
                            null, null, from, to, "startDate", "asc", Integer.toString(PAGE_SIZE), page(page)),
                            "/console"))
                    .map(listing -> ok(Templates.inbox(chrome, listing, present.notice(done), null)))
                    .onFailure(ApiException.class).recoverWithItem(e -> RestResponse.status(status(e),
                            Templates.inbox(chrome, present.empty(filters), null, why(e))));
        });
    }

    // ---- maker: own requests and new ones ----

    @GET
    @Path("/mine")
    @Operation(hidden = true)
    public Uni<RestResponse<Object>> mine(@QueryParam("type") String type, @QueryParam("state") String state,
            @QueryParam("page") String page, @QueryParam("done") String done, @CookieParam(COOKIE) String cookie) {
        return signedIn(caller -> {
            ConsoleViews.Chrome chrome = chrome(caller, "My requests", "mine", cookie);
            Map<String, String> filters = filters("type", type, "state", state);
            return Uni.createFrom().deferred(() -> list(caller, filters, WorkflowQuery.parse(type, state,
                    Long.toString(caller.userId()), null, null, null, null, null, null, "startDate", "desc",
                    Integer.toString(PAGE_SIZE), page(page)), "/console/mine"))
                    .map(listing -> ok(Templates.mine(chrome, listing, present.notice(done), null)))
                    .onFailure(ApiException.class).recoverWithItem(e -> RestResponse.status(status(e),
                            Templates.mine(chrome, present.empty(filters), null, why(e))));
        });
    }

    @GET
    @Path("/new/{kind}")
    @Operation(hidden = true)
    public Uni<RestResponse<Object>> makeForm(@PathParam("kind") String kind, @CookieParam(COOKIE) String cookie) {
        return signedIn(caller -> {
            if (!ConsolePresenter.KINDS.contains(kind)) {
                return Uni.createFrom().item(RestResponse.status(RestResponse.Status.NOT_FOUND,
                        (Object) "No such form"));
            }
            Map<String, String> blank = filters("customerId", null, "points", null, "reason", null, "programId", null,
                    "badgeMetaId", null, "tillId", null, "storeId", null, "zoneId", null, "conceptId", null);
            return badgeChoices(caller, kind, null).map(badgeList -> ok(Templates.make(
                    chrome(caller, "New request", "new", cookie), new ConsoleViews.MakerForm(kind, blank, badgeList),
                    null)));
        });
    }

    @POST
    @Path("/new/{kind}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<Object>> make(@PathParam("kind") String kind, @RestForm String csrf,
            @RestForm String customerId, @RestForm String points, @RestForm String reason,
            @RestForm String programId, @RestForm String badgeMetaId, @RestForm String tillId,
            @RestForm String storeId, @RestForm String zoneId, @RestForm String conceptId,
            @CookieParam(COOKIE) String cookie) {
        return signedIn(caller -> {
            ConsoleViews.Chrome chrome = chrome(caller, "New request", "new", cookie);
            Map<String, String> values = filters("customerId", customerId, "points", points, "reason", reason,
                    "programId", programId, "badgeMetaId", badgeMetaId, "tillId", tillId, "storeId", storeId,
                    "zoneId", zoneId, "conceptId", conceptId);
            if (!ConsolePresenter.KINDS.contains(kind)) {
                return Uni.createFrom().item(RestResponse.status(RestResponse.Status.NOT_FOUND,
                        (Object) "No such form"));
            }
            if (!csrfMatches(cookie, csrf)) {
                return Uni.createFrom().item(forbiddenForm());
            }
            return Uni.createFrom().deferred(() -> {
                WorkflowRequests.Create request = present.request(kind, values, "console-" + UUID.randomUUID());
                return workflow.create(caller, present.typeOf(kind).pathName(), request);
            }).map(made -> RestResponse.<Object>seeOther(URI.create("/console/requests/" + made.requestId()
                    + "?done=made")))
                    .onFailure(ApiException.class).recoverWithUni(e -> badgeChoices(caller, kind, badgeMetaId)
                            .map(badgeList -> RestResponse.status(status(e), Templates.make(chrome,
                                    new ConsoleViews.MakerForm(kind, values, badgeList), why(e)))));
        });
    }

    // ---- one request: read, decide, cancel ----

    @GET
    @Path("/requests/{requestId}")
    @Operation(hidden = true)
    public Uni<RestResponse<Object>> request(@PathParam("requestId") String requestId, @QueryParam("done") String done,
            @CookieParam(COOKIE) String cookie) {
        return signedIn(caller -> {
            ConsoleViews.Chrome chrome = chrome(caller, "Request", "request", cookie);
            return workflow.get(caller, requestId)
                    .chain(view -> withBalance(caller, view, present.detail(view, caller)))
                    .map(detail -> ok(Templates.request(chrome, detail, present.notice(done), null)))
                    .onFailure(ApiException.class).recoverWithItem(e -> notFound(chrome, e));
        });
    }

    @POST
    @Path("/requests/{requestId}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<Object>> decide(@PathParam("requestId") String requestId, @RestForm String csrf,
            @RestForm String decision, @RestForm String message, @CookieParam(COOKIE) String cookie) {
        return act(requestId, csrf, cookie, (caller, view) -> workflow.decide(caller, view.requestType(),
                new WorkflowRequests.Decision(requestId, "AdminTask", new WorkflowRequests.DecisionPayload(
                        new WorkflowRequests.AdminTask(decision == null ? "" : decision, present.message(message))))),
                "approved".equals(decision) ? "approved" : "rejected");
    }

    @POST
    @Path("/requests/{requestId}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<RestResponse<Object>> cancel(@PathParam("requestId") String requestId, @RestForm String csrf,
            @RestForm String message, @CookieParam(COOKIE) String cookie) {
        return act(requestId, csrf, cookie, (caller, view) -> workflow.cancel(caller, requestId,
                present.message(message)), "cancelled");
    }

    private interface Action {
        Uni<WorkflowView> apply(Caller caller, WorkflowView view);
    }

    /** Reads the request, applies the action, then shows it again (or the refusal on its page). */
    private Uni<RestResponse<Object>> act(String requestId, String csrf, String cookie, Action action, String done) {
        return signedIn(caller -> {
            if (!csrfMatches(cookie, csrf)) {
                return Uni.createFrom().item(forbiddenForm());
            }
            ConsoleViews.Chrome chrome = chrome(caller, "Request", "request", cookie);
            return workflow.get(caller, requestId)
                    .chain(view -> Uni.createFrom().deferred(() -> action.apply(caller, view))
                            .map(after -> RestResponse.<Object>seeOther(URI.create("/console/requests/" + requestId
                                    + "?done=" + done)))
                            .onFailure(ApiException.class).recoverWithUni(e -> workflow.get(caller, requestId)
                                    .map(current -> RestResponse.status(status(e), Templates.request(chrome,
                                            present.detail(current, caller), null, why(e))))))
                    .onFailure(ApiException.class).recoverWithItem(e -> notFound(chrome, e));
        });
    }

    /** The page for a signed-in caller; the anonymous (no session, or one that no longer verifies) go to sign-in. */
    private Uni<RestResponse<Object>> signedIn(Function<Caller, Uni<RestResponse<Object>>> page) {
        return identities.getDeferredIdentity().chain(identity -> identity.isAnonymous()
                ? Uni.createFrom().item(toSignIn()) : page.apply(Caller.of(identity)));
    }

    // ---- helpers ----

    private Uni<ConsoleViews.Listing> list(Caller caller, Map<String, String> filters, WorkflowQuery query,
            String base) {
        return workflow.list(caller, query).map(found -> present.listing(found, filters, base));
    }

    /** A goodwill request's page also says the customer's balance now, so that a checker sees the points arrive. */
    private Uni<ConsoleViews.Detail> withBalance(Caller caller, WorkflowView view, ConsoleViews.Detail detail) {
        String customer = ConsolePresenter.goodwillCustomer(view);
        if (customer == null) {
            return Uni.createFrom().item(detail);
        }
        return points.points(caller, customer, null, null, new Paging(0, 1))
                .map(found -> detail.withBalance(found.balance() + " points"))
                .onFailure(ApiException.class).recoverWithItem(detail);
    }

    /** The maker filter's userId: a username of the caller's org; unknown names match nobody. */
    private Uni<String> makerId(Caller caller, String maker) {
        if (maker == null || maker.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return users.userIdInOrg(caller.orgId(), maker)
                .map(userId -> Long.toString(userId == null ? Integer.MAX_VALUE : userId));
    }

    private Uni<List<ConsoleViews.Choice>> badgeChoices(Caller caller, String kind, String selected) {
        if (!"earn-badge".equals(kind)) {
            return Uni.createFrom().item(List.of());
        }
        return badges.list(caller, BadgeListQuery.parse("LIVE", null, null, "ACTIVATED", null, null, null, null, null,
                null, "NAME", null, "0", "100", null))
                .map(page -> page.metaBasicDetails().stream().map(b -> new ConsoleViews.Choice(b.id(), b.name(),
                        b.id().equals(selected))).toList());
    }

    private RestResponse<Object> notFound(ConsoleViews.Chrome chrome, Throwable e) {
        return RestResponse.status(status(e), Templates.request(chrome, null, null, why(e)));
    }

    private static RestResponse<Object> forbiddenForm() {
        return RestResponse.status(RestResponse.Status.FORBIDDEN,
                (Object) Templates.signIn("The form expired or came from another site: sign in and try again.", "",
                        null));
    }

    private static RestResponse<Object> ok(TemplateInstance page) {
        return RestResponse.ok(page);
    }

    private static RestResponse<Object> toSignIn() {
        return RestResponse.seeOther(URI.create(LaurelAuthMechanism.CONSOLE_PATH + "/sign-in"));
    }

    /** What went wrong, in the words of the refusal (a target's own errors when the target refused). */
    static String why(Throwable e) {
        if (e instanceof ApiException api && !api.errors().isEmpty()) {
            return api.errors().stream().map(error -> error.message() + (error.code() > 999 || error.code() == 744
                    ? " (" + error.code() + ")" : "")).distinct().collect(Collectors.joining("; "));
        }
        return e.getMessage();
    }

    private static RestResponse.Status status(Throwable e) {
        return RestResponse.Status.fromStatusCode(((ApiException) e).errorCode().status().getStatusCode());
    }

    private static String page(String page) {
        return page == null || page.isBlank() ? "1" : page;
    }

    private static Map<String, String> filters(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1].trim());
        }
        return map;
    }

    private ConsoleViews.Chrome chrome(Caller caller, String title, String section, String cookie) {
        return new ConsoleViews.Chrome(title, section, caller.username(), caller.orgId(),
                caller.has(Roles.CAN_CHECK_REQUEST), caller.has(Roles.CAN_MAKE_REQUEST), csrf(cookie));
    }

    /** The session cookie: HttpOnly, SameSite=Strict, only under /console, Secure when the console is on HTTPS. */
    private static NewCookie session(String value, int maxAge, UriInfo uri) {
        return new NewCookie.Builder(COOKIE).value(value).path(LaurelAuthMechanism.CONSOLE_PATH).maxAge(maxAge)
                .httpOnly(true).secure("https".equalsIgnoreCase(uri.getRequestUri().getScheme()))
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** The form token: a digest of the session cookie, which pages of another site can neither read nor send. */
    static String csrf(String cookie) {
        if (cookie == null || cookie.isBlank()) {
            return "";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("laurel-console-form|" + cookie).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean csrfMatches(String cookie, String given) {
        String expected = csrf(cookie);
        return !expected.isEmpty() && given != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        given.getBytes(StandardCharsets.UTF_8));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
