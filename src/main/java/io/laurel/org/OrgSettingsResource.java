package io.laurel.org;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.laurel.common.ApiResponse;
import io.laurel.identity.Caller;
import io.laurel.identity.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api_gateway/v1/admin/orgSettings")
@Tag(name = "Org settings")
@RolesAllowed({ Roles.ORG_ADMIN, Roles.PLATFORM_ADMIN })
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OrgSettingsResource {

    private final OrgCalendar calendar;
    private final SecurityIdentity identity;

    OrgSettingsResource(OrgCalendar calendar, SecurityIdentity identity) {
        this.calendar = calendar;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The caller's org settings (Laurel's own): its time zone")
    public Uni<ApiResponse<OrgSettingsView>> get() {
        return calendar.get(Caller.of(identity)).map(ApiResponse::ok);
    }

    @PUT
    @Operation(summary = "Set the org's time zone",
            description = "Fixed windows of DAYS, WEEKS and MONTHS begin at the zone's midnights and rolling windows "
                    + "count its days, from the next earn on. Answers keep epoch seconds and UTC ISO times.")
    public Uni<ApiResponse<OrgSettingsView>> update(@Valid @NotNull OrgSettingsRequest request) {
        return calendar.update(Caller.of(identity), request).map(ApiResponse::ok);
    }
}
