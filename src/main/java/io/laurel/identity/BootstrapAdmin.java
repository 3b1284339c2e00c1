package io.laurel.identity;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.laurel.common.ApiException;
import io.laurel.common.LaurelConfig;
import io.quarkus.runtime.StartupEvent;

/** Creates the first administrator from LAUREL_BOOTSTRAP_* when it does not exist yet. */
@Singleton
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    // After IndexStartup (priority 10): the unique username index makes concurrent bootstraps of replicas safe.
    void onStart(@Observes @Priority(20) StartupEvent event, LaurelConfig config, UserRepository users,
            UserService service) {
        LaurelConfig.Bootstrap bootstrap = config.bootstrap();
        if (bootstrap.adminUsername().isEmpty() || bootstrap.adminPassword().isEmpty()) {
            return;
        }
        String username = bootstrap.adminUsername().get();
        List<String> roles = Arrays.stream(Role.values()).map(Role::name).toList();
        // Start-up runs on the main thread, not an event loop; serving before the admin exists would 401 the first call.
        UserDocument existing = users.findByUsername(UserService.normalizeUsername(username))
                .onItem().ifNull().switchTo(() -> service
                        .insert(bootstrap.orgId(), username, bootstrap.adminPassword().get(), roles, null, "bootstrap")
                        .invoke(user -> LOG.infof("Bootstrap admin '%s' created in org %d", user.username, user.orgId))
                        .onFailure(ApiException.class).recoverWithUni(() -> users.findByUsername(
                                UserService.normalizeUsername(username))))
                .await().atMost(Duration.ofSeconds(60));
        LOG.infof("Bootstrap admin '%s' is user %d of org %d", existing.username, existing.userId, existing.orgId);
    }
}
