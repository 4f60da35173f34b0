// The top of both webhook pages: the title (in the app bar), a way back, and the page's action.
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Box, Button } from '@mui/material';
import type { ReactNode } from 'react';
import { Title } from 'react-admin';
import { Link } from 'react-router-dom';

export function WebhooksHeader({
  back,
  title,
  action,
}: {
  back: { to: string; label: string };
  title: string;
  action?: ReactNode;
}) {
  return (
    <Box
      sx={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        gap: 1,
        flexWrap: 'wrap',
      }}
    >
      <Title title={title} />
      <Button component={Link} to={back.to} startIcon={<ArrowBackIcon />}>
        {back.label}
      </Button>
      {action}
    </Box>
  );
}
