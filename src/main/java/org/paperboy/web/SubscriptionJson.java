package org.paperboy.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.paperboy.digest.SubscriptionForm;
import org.paperboy.digest.SubscriptionForm.AlertInput;

/**
 * The body of {@code POST /api/subscriptions}: {@code {"email", "frequency", "trending",
 * "categories": [...], "alerts": [{"query", "category"}]}}, read into a {@link SubscriptionForm}
 * whose values are then checked by {@link SubscriptionForm#parse}. Only the JSON shape is checked here.
 */
final class SubscriptionJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubscriptionJson() {}

    /**
     * The form in {@code body}; every field of the wrong type is reported at once.
     *
     * @throws HttpError 400 when the body is not a JSON object or a field has the wrong type
     */
    static SubscriptionForm parse(String body) {
        JsonNode o;
        try {
            o = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("the body is not JSON; send an object like "
                    + "{\"email\":\"alice@example.org\",\"frequency\":\"daily\",\"categories\":[\"cs.IR\"]}");
        }
        if (o == null || !o.isObject()) {
            throw HttpError.badRequest("the body must be a JSON object like "
                    + "{\"email\":\"alice@example.org\",\"frequency\":\"daily\",\"categories\":[\"cs.IR\"]}");
        }
        List<HttpError.FieldError> errors = new ArrayList<>();
        String email = text(o, "email", errors);
        String frequency = text(o, "frequency", errors);
        Boolean trending = null;
        if (o.has("trending") && !o.get("trending").isNull()) {
            if (o.get("trending").isBoolean()) {
                trending = o.get("trending").asBoolean();
            } else {
                errors.add(new HttpError.FieldError(
                        "trending", HttpError.shorten(o.get("trending").toString()), "must be true or false"));
            }
        }
        List<String> categories = new ArrayList<>();
        JsonNode cats = o.get("categories");
        if (cats != null && !cats.isNull()) {
            if (!cats.isArray()) {
                errors.add(new HttpError.FieldError(
                        "categories",
                        HttpError.shorten(cats.toString()),
                        "must be an array of category names like [\"cs.IR\"]"));
            } else {
                for (int i = 0; i < cats.size(); i++) {
                    if (cats.get(i).isTextual()) {
                        categories.add(cats.get(i).asText());
                    } else {
                        errors.add(new HttpError.FieldError(
                                "categories[" + i + "]",
                                HttpError.shorten(cats.get(i).toString()),
                                "must be a string like \"cs.IR\""));
                    }
                }
            }
        }
        List<AlertInput> alerts = new ArrayList<>();
        JsonNode list = o.get("alerts");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                errors.add(new HttpError.FieldError(
                        "alerts",
                        HttpError.shorten(list.toString()),
                        "must be an array of objects like [{\"query\":\"dense retrieval\",\"category\":\"cs.IR\"}]"));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    JsonNode a = list.get(i);
                    if (!a.isObject()) {
                        errors.add(new HttpError.FieldError(
                                "alerts[" + i + "]",
                                HttpError.shorten(a.toString()),
                                "must be an object like {\"query\":\"dense retrieval\",\"category\":\"cs.IR\"}"));
                        continue;
                    }
                    alerts.add(new AlertInput(
                            text(a, "query", "alerts[" + i + "].query", errors),
                            text(a, "category", "alerts[" + i + "].category", errors)));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new HttpError(
                    400,
                    "Bad Request",
                    errors.size() == 1
                            ? errors.getFirst().field() + ": "
                                    + errors.getFirst().reason()
                            : errors.size() + " fields are invalid",
                    errors,
                    null);
        }
        return new SubscriptionForm(email, frequency, trending, categories, alerts);
    }

    private static String text(JsonNode o, String name, List<HttpError.FieldError> errors) {
        return text(o, name, name, errors);
    }

    private static String text(JsonNode o, String name, String field, List<HttpError.FieldError> errors) {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            errors.add(new HttpError.FieldError(field, HttpError.shorten(n.toString()), "must be a string"));
            return null;
        }
        return n.asText();
    }
}
