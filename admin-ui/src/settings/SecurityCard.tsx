// The Owner's security settings of the shop (GET/PUT /api/shop/security): which roles must use
// two-factor authentication, who has it on, and the networks the shop's accounts may work from (an
// empty list: any address). The server refuses a list that would lock the Owner out, and names a
// refused entry by its place, shown here on the line it was typed on.
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Chip,
  FormControlLabel,
  FormGroup,
  List,
  ListItem,
  ListItemText,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { api, ApiError, isSessionWide } from '../api/client.ts';
import { describeError, useApiError } from '../api/useApiError.ts';
import { allowListProblems, allowListText, parseAllowList, withAddress } from './allowList.ts';

type TwoFactorRole = 'Owner' | 'Supervisor';

interface ShopSecurity {
  require_two_factor: TwoFactorRole[];
  ip_allowlist: string[];
  your_address: string | null;
  members: { id: string; name: string; role: string | null; status: string; two_factor_enabled: boolean }[];
}

const ROLES: TwoFactorRole[] = ['Owner', 'Supervisor'];

export function SecurityCard() {
  const translate = useTranslate();
  const notify = useNotify();
  const showError = useApiError();
  const [security, setSecurity] = useState<ShopSecurity | null>(null);
  const [required, setRequired] = useState<TwoFactorRole[]>([]);
  const [allowList, setAllowList] = useState('');
  const [problem, setProblem] = useState<{ field: 'two_factor' | 'allow_list'; lines: string[] } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);

  const show = (answer: ShopSecurity) => {
    setSecurity(answer);
    setRequired(answer.require_two_factor);
    setAllowList(allowListText(answer.ip_allowlist));
  };
  useEffect(() => {
    api<ShopSecurity>('/api/shop/security').then(show).catch(showError);
  }, [showError]);

  const refused = (error: unknown) => {
    if (error instanceof ApiError && isSessionWide(error)) return;
    if (error instanceof ApiError && error.code === 'TWO_FACTOR_STATE') {
      setProblem({ field: 'two_factor', lines: [describeError(error, translate)] });
      return;
    }
    const placed = error instanceof ApiError ? allowListProblems(allowList, error.details) : [];
    if (placed.length > 0) {
      setProblem({
        field: 'allow_list',
        lines: placed.map((p) =>
          p.line === null
            ? p.message
            : translate('settings.security.line', { line: p.line, message: p.message }),
        ),
      });
    } else if (error instanceof ApiError && error.code === 'ALLOWLIST_EXCLUDES_YOU') {
      setProblem({ field: 'allow_list', lines: [describeError(error, translate)] });
    } else {
      showError(error);
    }
  };
  const save = () => {
    setBusy(true);
    setProblem(null);
    api<ShopSecurity>('/api/shop/security', {
      method: 'PUT',
      body: { require_two_factor: required, ip_allowlist: parseAllowList(allowList) },
    })
      .then((answer) => {
        show(answer);
        notify('settings.saved', { type: 'success' });
      })
      .catch(refused)
      .finally(() => setBusy(false));
  };

  if (!security) return null;
  const listProblem = problem?.field === 'allow_list' ? problem.lines : null;
  return (
    <Card data-testid="security-card">
      <CardContent sx={{ display: 'grid', gap: 2 }}>
        <Typography variant="h6">{translate('settings.security.title')}</Typography>

        <Typography variant="subtitle1">{translate('settings.security.two_factor')}</Typography>
        <FormGroup>
          {ROLES.map((role) => (
            <FormControlLabel
              key={role}
              control={
                <Checkbox
                  name={`require_two_factor_${role}`}
                  checked={required.includes(role)}
                  onChange={(e) =>
                    setRequired(e.target.checked ? [...required, role] : required.filter((r) => r !== role))
                  }
                />
              }
              label={translate(`settings.security.require_${role}`)}
            />
          ))}
        </FormGroup>
        <Typography variant="body2" color="text.secondary">
          {translate('settings.security.require_help')}
        </Typography>
        {problem?.field === 'two_factor' && <Alert severity="error">{problem.lines.join(' ')}</Alert>}
        <List dense disablePadding data-testid="security-members">
          {security.members.map((m) => (
            <ListItem
              key={m.id}
              divider
              data-testid="security-member"
              secondaryAction={
                <Chip
                  size="small"
                  color={m.two_factor_enabled ? 'success' : 'default'}
                  variant={m.two_factor_enabled ? 'filled' : 'outlined'}
                  label={translate(m.two_factor_enabled ? 'staff.two_factor_on' : 'staff.two_factor_off')}
                />
              }
            >
              <ListItemText
                primary={m.name}
                secondary={[
                  m.role ? translate(`app.role.${m.role}`) : null,
                  m.status === 'active' ? null : translate(`app.status.${m.status}`, { _: m.status }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </ListItem>
          ))}
        </List>

        <Typography variant="subtitle1">{translate('settings.security.allow_list')}</Typography>
        <TextField
          name="ip_allowlist"
          label={translate('settings.security.allow_list_label')}
          multiline
          minRows={3}
          value={allowList}
          onChange={(e) => setAllowList(e.target.value)}
          placeholder="196.43.128.0/20"
          error={listProblem !== null}
          helperText={listProblem ? listProblem.join(' ') : translate('settings.security.allow_list_help')}
          slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
        />
        {security.your_address && (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
            <Typography variant="body2" data-testid="your-address">
              {translate('settings.security.your_address', { address: security.your_address })}
            </Typography>
            <Button
              size="small"
              onClick={() => setAllowList(withAddress(allowList, security.your_address ?? ''))}
            >
              {translate('settings.security.add_my_address')}
            </Button>
          </Box>
        )}
        <Button variant="contained" disabled={busy} onClick={save}>
          {translate('ra.action.save')}
        </Button>
      </CardContent>
    </Card>
  );
}
