package io.laurel.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import io.laurel.common.SecretBox;
import io.quarkus.runtime.StartupEvent;

/**
 * Requests stored by earlier versions kept their credentials in clear (only Authorization was sealed then): at start-up
 * they are sealed as new requests are. Idempotent, and a replica racing another only seals the same values twice.
 */
@ApplicationScoped
class EarlierRequests {

    private static final Logger LOG = Logger.getLogger(EarlierRequests.class);

    private final WorkflowRepository requests;
    private final SecretBox secrets;
    private final ObjectMapper json;

    EarlierRequests(WorkflowRepository requests, SecretBox secrets, ObjectMapper json) {
        this.requests = requests;
        this.secrets = secrets;
        this.json = json;
    }

    void seal(@Observes @Priority(40) StartupEvent event) {
        // On the main thread at start-up, never an event loop; after the first start this finds nothing.
        List<WorkflowRequestDocument> earlier = requests.find("sealedHeaders", (Object) null).list()
                .await().atMost(Duration.ofSeconds(60));
        int sealed = 0;
        List<WriteModel<WorkflowRequestDocument>> writes = new ArrayList<>();
        for (WorkflowRequestDocument doc : earlier) {
            JsonNode task;
            try {
                task = json.readTree(doc.task);
            } catch (JsonProcessingException e) {
                continue;
            }
            Map<String, String> secret = new LinkedHashMap<>();
            if (task.path("headers") instanceof ObjectNode headers) {
                headers.fields().forEachRemaining(h -> {
                    if (PayloadHeaders.isSecret(h.getKey()) && !PayloadHeaders.MASK.equals(h.getValue().asText())) {
                        secret.put(h.getKey(), h.getValue().asText());
                    }
                });
                secret.keySet().forEach(name -> headers.put(name, PayloadHeaders.MASK));
            }
            writes.add(new UpdateOneModel<>(Filters.and(Filters.eq("requestId", doc.requestId),
                    Filters.exists("sealedHeaders", false)), Updates.combine(Updates.set("task", task.toString()),
                    Updates.set("sealedHeaders", secrets.seal(json.valueToTree(secret).toString(), doc.requestId)))));
            sealed += secret.isEmpty() ? 0 : 1;
        }
        if (!writes.isEmpty()) {
            requests.mongoCollection().bulkWrite(writes).await().atMost(Duration.ofSeconds(60));
        }
        if (sealed > 0) {
            LOG.infof("Sealed the credentials of %d workflow requests stored by an earlier version", sealed);
        }
    }
}
