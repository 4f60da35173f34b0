// The recovery codes, shown once (when two-factor is turned on, or new ones are made): copy them,
// download them as a text file, and say they are saved before the dialog closes. The server keeps
// only their hashes: nobody can show them again.
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import DownloadIcon from '@mui/icons-material/Download';
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
import { identity } from '../access/session.ts';
import { saveText } from '../common/download.ts';
import { formatDateTime } from '../format/format.ts';
import { recoveryCodesText } from './security.ts';

export function RecoveryCodesView({ codes }: { codes: readonly string[] }) {
  const translate = useTranslate();
  const notify = useNotify();
  const me = identity();
  const text = recoveryCodesText(codes, {
    shop: me?.shop.name ?? '',
    email: me?.email ?? '',
    createdAt: formatDateTime(new Date().toISOString()),
  });
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Alert severity="warning">{translate('profile.two_factor.codes_once')}</Alert>
      <Box
        component="ol"
        data-testid="recovery-codes"
        sx={{
          m: 0,
          pl: 4,
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' },
          columnGap: 3,
          fontFamily: 'monospace',
          fontSize: '1.1rem',
        }}
      >
        {codes.map((code) => (
          <li key={code} data-testid="recovery-code">
            {code}
          </li>
        ))}
      </Box>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        <Button
          startIcon={<ContentCopyIcon />}
          onClick={() => {
            navigator.clipboard.writeText(codes.join('\n')).then(
              () => notify('profile.two_factor.copied', { type: 'success' }),
              () => notify('profile.two_factor.copy_failed', { type: 'warning' }),
            );
          }}
        >
          {translate('profile.two_factor.copy')}
        </Button>
        <Button startIcon={<DownloadIcon />} onClick={() => saveText(text, 'phone-shop-recovery-codes.txt')}>
          {translate('profile.two_factor.download')}
        </Button>
      </Box>
    </Box>
  );
}

/** The codes in a dialog that closes only once the user says they are saved. */
export function RecoveryCodesDialog({
  codes,
  onDone,
}: {
  codes: readonly string[] | null;
  onDone: () => void;
}) {
  const translate = useTranslate();
  const [saved, setSaved] = useState(false);
  return (
    <Dialog open={codes !== null} fullWidth maxWidth="sm" disableEscapeKeyDown>
      <DialogTitle>{translate('profile.two_factor.codes_title')}</DialogTitle>
      <DialogContent>
        {codes && <RecoveryCodesView codes={codes} />}
        <FormControlLabel
          sx={{ mt: 2 }}
          control={<Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)} />}
          label={translate('profile.two_factor.saved_them')}
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

/** A short line for the count of codes left (few left: a warning). */
export function CodesLeft({ count }: { count: number }) {
  const translate = useTranslate();
  return (
    <Typography
      variant="body2"
      color={count <= 3 ? 'warning.main' : 'text.secondary'}
      data-testid="codes-left"
    >
      {translate('profile.two_factor.codes_left', { smart_count: count })}
    </Typography>
  );
}
