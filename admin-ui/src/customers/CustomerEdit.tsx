import { Edit, SimpleForm } from 'react-admin';
import { CustomerInputs } from './CustomerInputs.tsx';

export default function CustomerEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <SimpleForm>
        <CustomerInputs />
      </SimpleForm>
    </Edit>
  );
}
