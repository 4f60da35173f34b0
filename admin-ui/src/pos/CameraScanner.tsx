// Camera scanning with @zxing/browser (loaded only when the camera is opened: it is not part of the
// till's first download). The first code read is handed back and the camera stops.
import { Alert, Box, Button, Dialog, DialogActions, DialogContent } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslate } from 'react-admin';

export default function CameraScanner({
  onCode,
  onClose,
}: {
  onCode: (code: string) => void;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let stop: (() => void) | undefined;
    const state = { done: false };
    void (async () => {
      try {
        const { BrowserMultiFormatReader } = await import('@zxing/browser');
        const reader = new BrowserMultiFormatReader();
        if (!video.current) return;
        const controls = await reader.decodeFromConstraints(
          { video: { facingMode: 'environment' } },
          video.current,
          (result) => {
            if (result && !state.done) {
              state.done = true;
              controls.stop();
              onCode(result.getText());
            }
          },
        );
        stop = () => controls.stop();
        if (state.done) controls.stop();
      } catch {
        setFailed(true);
      }
    })();
    return () => {
      state.done = true;
      stop?.();
    };
  }, [onCode]);

  return (
    <Dialog open fullScreen={window.innerWidth < 600} onClose={onClose} maxWidth="sm" fullWidth>
      <DialogContent>
        {failed ? (
          <Alert severity="warning">{translate('pos.scan_unavailable')}</Alert>
        ) : (
          <Box
            component="video"
            ref={video}
            muted
            playsInline
            sx={{ width: '100%', borderRadius: 1, bgcolor: 'black' }}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} size="large">
          {translate('pos.scan_stop')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
