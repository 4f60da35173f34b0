// How long the shop keeps messages, logs and copies of deleted records (GET/PUT /api/shop/retention):
// a number of days, at least the minimum the server gives, or empty to keep them for ever.
import { Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { api, ApiError, isSessionWide } from '../api/client.ts';
import { useApiError } from '../api/useApiError.ts';

const KINDS = ['messages_days', 'logs_days', 'deleted_records_days'] as const;
type Kind = (typeof KINDS)[number];

interface Retention extends Record<Kind, number | null> {
  minimums: Record<Kind, number>;
}

/** A field's text as the API takes it: empty is null (for ever), digits a number, else undefined. */
export function daysOf(text: string): number | null | undefined {
  const value = text.trim();
  if (value === '') return null;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

export function RetentionCard() {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const [retention, setRetention] = useState<Retention | null>(null);
  const [text, setText] = useState<Record<Kind, string>>({
    messages_days: '',
    logs_days: '',
    deleted_records_days: '',
  });
  const [problems, setProblems] = useState<Partial<Record<Kind, string>>>({});
  const show = (answer: Retention) => {
    setRetention(answer);
    setText({
      messages_days: answer.messages_days?.toString() ?? '',
      logs_days: answer.logs_days?.toString() ?? '',
      deleted_records_days: answer.deleted_records_days?.toString() ?? '',
    });
  };
  useEffect(() => {
    api<Retention>('/api/shop/retention').then(show).catch(showError);
  }, [showError]);
  if (!retention) return null;

  const values = Object.fromEntries(KINDS.map((k) => [k, daysOf(text[k])])) as Record<
    Kind,
    number | null | undefined
  >;
  const save = () => {
    setProblems({});
    api<Retention>('/api/shop/retention', { method: 'PUT', body: values })
      .then((answer) => {
        show(answer);
        notify('settings.saved', { type: 'success' });
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && isSessionWide(error)) return;
        const named =
          error instanceof ApiError
            ? Object.entries(error.details ?? {}).filter(([key]) =>
                (KINDS as readonly string[]).includes(key),
              )
            : [];
        if (named.length === 0) return showError(error);
        setProblems(Object.fromEntries(named.map(([key, messages]) => [key, messages.join(' ')])));
      });
  };
  return (
    <Card data-testid="retention-card">
      <CardContent sx={{ display: 'grid', gap: 2 }}>
        <Typography variant="h6">{translate('settings.retention.title')}</Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('settings.retention.explain')}
        </Typography>
        {KINDS.map((kind) => (
          <TextField
            key={kind}
            name={kind}
            label={translate(`settings.retention.${kind}`)}
            value={text[kind]}
            onChange={(e) => setText({ ...text, [kind]: e.target.value })}
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            placeholder={translate('settings.retention.forever')}
            error={Boolean(problems[kind]) || values[kind] === undefined}
            helperText={
              problems[kind] ?? translate('settings.retention.help', { minimum: retention.minimums[kind] })
            }
          />
        ))}
        <Button variant="contained" disabled={KINDS.some((k) => values[k] === undefined)} onClick={save}>
          {translate('ra.action.save')}
        </Button>
      </CardContent>
    </Card>
  );
}
