// The webhook's form, for creating one and for editing it: its address, a description, and the
// events it subscribes to (ticked from the server's list, each with what it is, or all of them). A
// refusal of the server about one of these fields shows under that field.
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { ApiError, isSessionWide } from '../api/client.ts';
import { describeError, useApiError } from '../api/useApiError.ts';
import { usePhone } from '../common/fields.tsx';
import {
  ALL_EVENTS,
  allEvents,
  fieldProblems,
  pickEvent,
  subscribable,
  type EventType,
  type Webhook,
  type WebhookField,
  type WebhookInput,
  webhooksApi,
} from './webhooks.ts';

/** An event type's description in the user's language, or the server's words for a newer one. */
export function useEventLabel(): (type: EventType) => string {
  const translate = useTranslate();
  return (type) => translate(`webhooks.event_types.${type.type}`, { _: type.description });
}

function EventPicker({
  eventTypes,
  selected,
  onChange,
  problem,
}: {
  eventTypes: readonly EventType[] | null;
  selected: readonly string[];
  onChange: (events: string[]) => void;
  problem: string | undefined;
}) {
  const translate = useTranslate();
  const describe = useEventLabel();
  const all = allEvents(selected);
  return (
    <FormControl component="fieldset" error={problem !== undefined} data-testid="webhook-events">
      <FormLabel component="legend">{translate('webhooks.fields.events')}</FormLabel>
      <FormGroup>
        <FormControlLabel
          control={
            <Checkbox
              name="events_all"
              checked={all}
              onChange={(e) => onChange(pickEvent(selected, ALL_EVENTS, e.target.checked))}
            />
          }
          label={translate('webhooks.all_events')}
        />
        {eventTypes === null && (
          <Typography variant="body2" color="text.secondary">
            {translate('ra.page.loading')}
          </Typography>
        )}
        {eventTypes &&
          subscribable(eventTypes).map((type) => (
            <FormControlLabel
              key={type.type}
              sx={{ alignItems: 'flex-start', py: 0.5 }}
              control={
                <Checkbox
                  name={`event_${type.type}`}
                  checked={all || selected.includes(type.type)}
                  disabled={all}
                  onChange={(e) => onChange(pickEvent(selected, type.type, e.target.checked))}
                />
              }
              label={
                <Box sx={{ pt: 1.25, minWidth: 0 }}>
                  <Typography sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
                    {type.type}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {describe(type)}
                    {type.planned && ` (${translate('webhooks.planned')})`}
                  </Typography>
                </Box>
              }
            />
          ))}
      </FormGroup>
      <FormHelperText>
        {problem ?? (selected.length === 0 ? translate('webhooks.pick_events') : ' ')}
      </FormHelperText>
    </FormControl>
  );
}

/**
 * The form in a dialog (full screen on a phone). `save` sends the values; its refusal is placed on
 * the field it names, or told in the dialog.
 */
export function WebhookDialog<T>({
  open,
  webhook,
  eventTypes,
  save,
  onSaved,
  onClose,
}: {
  open: boolean;
  /** The webhook to edit; null to create one. */
  webhook: Webhook | null;
  eventTypes: readonly EventType[] | null;
  save: (input: WebhookInput) => Promise<T>;
  onSaved: (answer: T) => void;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const showError = useApiError();
  const phone = usePhone();
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [description, setDescription] = useState(webhook?.description ?? '');
  const [events, setEvents] = useState<string[]>(webhook?.events ?? []);
  const [problems, setProblems] = useState<Partial<Record<WebhookField, string>>>({});
  const [other, setOther] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = () => {
    setBusy(true);
    setProblems({});
    setOther(null);
    const input: WebhookInput = {
      url: url.trim(),
      description: description.trim() === '' ? null : description.trim(),
      events,
    };
    save(input)
      .then(onSaved)
      .catch((error: unknown) => {
        if (error instanceof ApiError && isSessionWide(error)) return;
        if (!(error instanceof ApiError)) return showError(error);
        const placed = fieldProblems(error.details, error.field, error.message);
        if (Object.keys(placed).length > 0) setProblems(placed);
        else setOther(describeError(error, translate));
      })
      .finally(() => setBusy(false));
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" fullScreen={phone}>
      <DialogTitle>{translate(webhook ? 'webhooks.edit' : 'webhooks.add')}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2, pt: '8px !important' }}>
        <TextField
          name="url"
          type="url"
          label={translate('webhooks.fields.url')}
          placeholder="https://"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={problems.url !== undefined}
          helperText={problems.url ?? translate('webhooks.url_help')}
          slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'none', inputMode: 'url' } }}
          required
          autoFocus={!webhook}
        />
        <TextField
          name="description"
          label={translate('webhooks.fields.description')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={problems.description !== undefined}
          helperText={problems.description ?? translate('webhooks.description_help')}
        />
        <EventPicker
          eventTypes={eventTypes}
          selected={events}
          onChange={setEvents}
          problem={problems.events}
        />
        {other && <Alert severity="error">{other}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          disabled={busy || url.trim() === '' || events.length === 0}
          onClick={submit}
        >
          {translate(webhook ? 'ra.action.save' : 'ra.action.create')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The event types the server offers, read once per page; null until they come. */
export function useEventTypes(): EventType[] | null {
  const showError = useApiError();
  const [eventTypes, setEventTypes] = useState<EventType[] | null>(null);
  useEffect(() => {
    let live = true;
    webhooksApi
      .eventTypes()
      .then((types) => {
        if (live) setEventTypes(types);
      })
      .catch(showError);
    return () => {
      live = false;
    };
  }, [showError]);
  return eventTypes;
}
