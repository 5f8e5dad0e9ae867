package dev.sessionauth.group;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.sessionauth.account.UserResponse;
import dev.sessionauth.contract.ApiDocumentation;
import dev.sessionauth.security.CurrentCaller;

/** /api/v1/groups: groups and their members, for administrators; what verify?group=... checks. */
@Path("/api/v1/groups")
@Tag(name = "groups")
@SecurityRequirement(name = ApiDocumentation.SESSION)
@SecurityRequirement(name = ApiDocumentation.BASIC)
@SecurityRequirement(name = ApiDocumentation.API_TOKEN)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", ref = ApiDocumentation.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocumentation.FORBIDDEN)
@APIResponse(responseCode = "429", ref = ApiDocumentation.TOO_MANY_ATTEMPTS)
public class GroupResource {

    static final String NEXT_CURSOR_HEADER = "X-Next-Cursor";
    private static final String LIMIT = "Entries per page, 1 to 100";
    private static final String CURSOR = "The X-Next-Cursor of the previous page; absent for the first page";

    private final GroupService groupService;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    public GroupResource(GroupService groupService, CurrentCaller currentCaller, Clock clock) {
        this.groupService = groupService;
        this.currentCaller = currentCaller;
        this.clock = clock;
    }

    @Operation(summary = "Create a group (admins only)")
    @APIResponseSchema(value = GroupView.class, responseCode = "201", responseDescription = "The new group")
    @APIResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    public GroupView create(CreateGroupRequest request) {
        return GroupView.of(groupService.create(currentCaller.get(), request, clock.instant()));
    }

    @Operation(summary = "The groups by name, one page at a time (admins only)")
    @APIResponse(responseCode = "200", description = "Up to limit groups", headers = @Header(name = NEXT_CURSOR_HEADER, description = "Present when more follow", schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @GET
    public RestResponse<List<GroupView>> list(@Parameter(description = LIMIT) @RestQuery String limit,
            @Parameter(description = CURSOR) @RestQuery String cursor) {
        return pageAnswer(groupService.list(currentCaller.get(), limit, cursor), GroupView::of);
    }

    @Operation(summary = "One group (admins only)")
    @APIResponseSchema(value = GroupView.class, responseDescription = "The group")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @GET
    @Path("{name}")
    public GroupView get(@PathParam("name") String name) {
        return GroupView.of(groupService.get(currentCaller.get(), name));
    }

    @Operation(summary = "Delete a group and its memberships (admins only)")
    @APIResponse(responseCode = "200", description = "{}")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @DELETE
    @Path("{name}")
    public Map<String, String> delete(@PathParam("name") String name) {
        groupService.delete(currentCaller.get(), name);
        return Map.of();
    }

    @Operation(summary = "The members of a group by user id, one page at a time (admins only)")
    @APIResponse(responseCode = "200", description = "Up to limit members", headers = @Header(name = NEXT_CURSOR_HEADER, description = "Present when more follow", schema = @Schema(type = SchemaType.STRING)), content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = GroupMemberView.class)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @GET
    @Path("{name}/members")
    public RestResponse<List<GroupMemberView>> members(@PathParam("name") String name,
            @Parameter(description = LIMIT) @RestQuery String limit,
            @Parameter(description = CURSOR) @RestQuery String cursor) {
        return pageAnswer(groupService.members(currentCaller.get(), name, limit, cursor), GroupMemberView::of);
    }

    @Operation(summary = "Add a user to a group (admins only); adding a member again changes nothing")
    @APIResponseSchema(value = UserResponse.class, responseDescription = "The user, with their groups")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @PUT
    @Path("{name}/members/{userId}")
    public UserResponse addMember(@PathParam("name") String name, @PathParam("userId") String userId) {
        return UserResponse.of(groupService.addMember(currentCaller.get(), name, userId, clock.instant()));
    }

    @Operation(summary = "Remove a user from a group (admins only); removing a non-member changes nothing")
    @APIResponse(responseCode = "200", description = "{}")
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @DELETE
    @Path("{name}/members/{userId}")
    public Map<String, String> removeMember(@PathParam("name") String name, @PathParam("userId") String userId) {
        groupService.removeMember(currentCaller.get(), name, userId);
        return Map.of();
    }

    private static <T, V> RestResponse<List<V>> pageAnswer(GroupPage<T> page, Function<T, V> view) {
        RestResponse.ResponseBuilder<List<V>> answer = RestResponse.ResponseBuilder
                .ok(page.items().stream().map(view).toList());
        page.nextCursor().ifPresent(next -> answer.header(NEXT_CURSOR_HEADER, next));
        return answer.build();
    }
}
