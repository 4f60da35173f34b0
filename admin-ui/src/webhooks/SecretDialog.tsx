// A webhook's signing secret, shown once: after the webhook is created and after a new secret is
// made. The server keeps it to sign with but never shows it again, so the dialog closes only once
// the Owner says it is saved. After a rotation the old secret still signs for 24 hours.
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';

export interface ShownSecret {
  secret: string;
  /** Why it is shown: a new webhook, or a new secret of an existing one. */
  reason: 'created' | 'rotated';
}

/** Copies a text, answering whether it worked (no clipboard on a page served over plain http). */
export function copyText(text: string): Promise<boolean> {
  return Promise.resolve()
    .then(() => navigator.clipboard.writeText(text))
    .then(
      () => true,
      () => false,
    );
}

export function SecretDialog({ shown, onDone }: { shown: ShownSecret | null; onDone: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [saved, setSaved] = useState(false);
  return (
    <Dialog open={shown !== null} fullWidth maxWidth="sm" disableEscapeKeyDown data-testid="secret-dialog">
      <DialogTitle>
        {translate(
          shown?.reason === 'rotated' ? 'webhooks.secret.title_rotated' : 'webhooks.secret.title_created',
        )}
      </DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2 }}>
        <Typography>{translate('webhooks.secret.explain')}</Typography>
        <Box
          data-testid="webhook-secret"
          sx={{
            fontFamily: 'monospace',
            fontSize: '1.05rem',
            p: 1.5,
            bgcolor: 'grey.100',
            borderRadius: 1,
            overflowWrap: 'anywhere',
            userSelect: 'all',
          }}
        >
          {shown?.secret}
        </Box>
        <Box>
          <Button
            variant="outlined"
            startIcon={<ContentCopyIcon />}
            onClick={() => {
              void copyText(shown?.secret ?? '').then((copied) =>
                notify(copied ? 'webhooks.secret.copied' : 'webhooks.secret.copy_failed', {
                  type: copied ? 'success' : 'warning',
                }),
              );
            }}
          >
            {translate('webhooks.secret.copy')}
          </Button>
        </Box>
        <Alert severity="warning">{translate('webhooks.secret.once')}</Alert>
        {shown?.reason === 'rotated' && <Alert severity="info">{translate('webhooks.secret.rotated')}</Alert>}
        <FormControlLabel
          control={<Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)} />}
          label={translate('webhooks.secret.saved')}
        />
      </DialogContent>
      <DialogActions>
        <Button
          variant="contained"
          disabled={!saved}
          onClick={() => {
            setSaved(false);
            onDone();
          }}
        >
          {translate('ra.action.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
